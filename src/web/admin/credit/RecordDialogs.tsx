import { Alert, App, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { CREDIT, type CreditRecord, type CreditSettings, formatPoints, todayIso } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Page, StaffMember } from '../../types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';
import { useItemLabel } from './RecordsTable.tsx';

/**
 * The authorities' actions on a record: approve or reject a pending one (never one's own: the server says so), and
 * decide an open objection in a dialog. `actions` goes in a records table's last column, `dialog` below it.
 */
export function useRecordDecisions(reload: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<CreditRecord | null>(null);
  const decide = async (r: CreditRecord, approve: boolean) => {
    try {
      await api(`${CREDIT}/records/${r.id}/decision`, { body: { version: r.version, approve } });
      message.success(t(approve ? 'credit.approved' : 'credit.rejected'));
    } catch {
      // The server's reason (never one's own record, say) is shown by api().
    }
    reload();
  };
  const actions = (r: CreditRecord) => (
    <Space>
      {r.state === 'pending' && (
        <>
          <Button size="small" type="primary" onClick={() => decide(r, true)}>
            {t('credit.approve')}
          </Button>
          <Button size="small" danger onClick={() => decide(r, false)}>
            {t('credit.reject')}
          </Button>
        </>
      )}
      {r.objectionState === 'open' && (
        <Button size="small" onClick={() => setDeciding(r)}>
          {t('credit.decideObjection')}
        </Button>
      )}
    </Space>
  );
  const dialog = deciding && (
    <ObjectionDialog
      record={deciding}
      onClose={() => setDeciding(null)}
      onDone={() => {
        setDeciding(null);
        reload();
      }}
    />
  );
  return { actions, dialog };
}

/** A new record, naming the company's project manager when it is about one. */
export function NewRecordDialog(props: { companyId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const itemLabel = useItemLabel();
  const settings = useApi<CreditSettings>(`${CREDIT}/settings`);
  const managers = useApi<Page<StaffMember>>(
    `/api/v1/staff?companyId=${props.companyId}&position=project_manager&limit=200`,
  );
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${CREDIT}/records`, {
      quiet: true,
      body: {
        companyId: props.companyId,
        ...(v.staffId ? { staffId: v.staffId } : {}),
        item: v.item,
        onDate: v.onDate,
        ...(v.validUntil ? { validUntil: v.validUntil } : {}),
        evidence: v.evidence,
      },
    });
    message.success(t('credit.recorded'));
    props.onDone();
  };
  const required = [{ required: true, message: t('credit.required') }];
  return (
    <ActionModal title={t('credit.add')} onOk={submit} onClose={props.onClose} errorId="record-error">
      <Form form={form} layout="vertical" initialValues={{ onDate: todayIso() }} data-testid="record-form">
        <Form.Item name="item" label={t('credit.item')} rules={required}>
          <Select
            data-testid="credit-item"
            loading={settings.loading}
            options={(settings.data?.scheme.items ?? []).map((i) => ({
              value: i.code,
              label: `${itemLabel(i.code)}（${i.points > 0 ? '+' : ''}${formatPoints(i.points)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="staffId" label={t('credit.staff')} extra={t('credit.staffHint')}>
          <Select
            allowClear
            data-testid="credit-staff"
            loading={managers.loading}
            options={(managers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="onDate" label={t('credit.onDate')} rules={[...required, { pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('credit.validUntil')}
          extra={t('credit.validUntilHint')}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="evidence" label={t('credit.evidence')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('credit.evidenceHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function ObjectionDialog(props: { record: CreditRecord; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${CREDIT}/records/${props.record.id}/objection-decision`, {
      quiet: true,
      body: { version: props.record.version, uphold: v.uphold, note: v.note },
    });
    message.success(t('credit.objectionDecided'));
    props.onDone();
  };
  const required = [{ required: true, message: t('credit.required') }];
  return (
    <ActionModal title={t('credit.decideObjection')} onOk={submit} onClose={props.onClose} errorId="objection-error">
      <Alert type="info" title={props.record.objection} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" data-testid="objection-decision-form">
        <Form.Item name="uphold" rules={required}>
          <Radio.Group
            options={[
              { value: true, label: t('credit.uphold') },
              { value: false, label: t('credit.dismiss') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('credit.note')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
