import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import {
  CREDIT,
  type CreditRecord,
  type CreditSettings,
  canEvaluate,
  canPublishCredit,
  formatPoints,
  recordsUrl,
  todayIso,
} from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Company, Page } from '../../types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';
import { PublishTab } from './PublishTab.tsx';
import { RecordsTable, useItemLabel } from './RecordsTable.tsx';

/**
 * 信用评价 for the housing authorities: a company's records (entered, approved by someone else, objections decided)
 * and, for the city, the quarterly publication.
 */
export function CreditPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [tab, setTab] = useState('records');
  const companies = useApi<Page<Company>>('/api/v1/companies?limit=200');
  const list = companies.data?.items ?? [];
  const items = [{ key: 'records', label: t('credit.tabRecords'), children: <RecordsTab companies={list} /> }];
  if (canPublishCredit(me))
    items.push({ key: 'publish', label: t('credit.tabPublish'), children: <PublishTab companies={list} /> });
  return (
    <Card title={t('menu.credit')}>
      <Typography.Paragraph type="secondary">{t('credit.intro')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
    </Card>
  );
}

function RecordsTab({ companies }: { companies: Company[] }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const records = useApi<CreditRecord[]>(companyId ? recordsUrl(companyId) : null);
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<CreditRecord | null>(null);
  const evaluator = canEvaluate(me);

  const decide = async (r: CreditRecord, approve: boolean) => {
    try {
      await api(`${CREDIT}/records/${r.id}/decision`, { body: { version: r.version, approve } });
      message.success(t(approve ? 'credit.approved' : 'credit.rejected'));
    } catch {
      // The server's reason (never one's own record, say) is shown by api().
    }
    records.reload();
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 320 }}
          placeholder={t('credit.pickCompany')}
          value={companyId}
          onChange={setCompanyId}
          options={companies.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="credit-company"
        />
        {evaluator && companyId && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('credit.add')}
          </Button>
        )}
      </Space>
      {companyId && (
        <RecordsTable
          records={records.data}
          loading={records.loading}
          actions={(r) => (
            <Space>
              {evaluator && r.state === 'pending' && (
                <>
                  <Button size="small" type="primary" onClick={() => decide(r, true)}>
                    {t('credit.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => decide(r, false)}>
                    {t('credit.reject')}
                  </Button>
                </>
              )}
              {evaluator && r.objectionState === 'open' && (
                <Button size="small" onClick={() => setDeciding(r)}>
                  {t('credit.decideObjection')}
                </Button>
              )}
            </Space>
          )}
        />
      )}
      {adding && companyId && (
        <NewRecordDialog
          companyId={companyId}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            records.reload();
          }}
        />
      )}
      {deciding && (
        <ObjectionDialog
          record={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            records.reload();
          }}
        />
      )}
    </>
  );
}

function NewRecordDialog(props: { companyId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const itemLabel = useItemLabel();
  const settings = useApi<CreditSettings>(`${CREDIT}/settings`);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${CREDIT}/records`, {
      quiet: true,
      body: {
        companyId: props.companyId,
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

function ObjectionDialog(props: { record: CreditRecord; onClose(): void; onDone(): void }) {
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
