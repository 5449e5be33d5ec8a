import { Alert, App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { DISPUTES, type DisputeDetail, KINDS } from '../../mediation/types.ts';
import type { Estate } from '../../types.ts';
import { EstateSelect } from '../EstateSelect.tsx';
import { ActionModal } from '../finance/ActionModal.tsx';

/** 登记纠纷: the estate (among the caller's), the type, the parties and the claims; the server sets the level. */
export function NewDisputeDialog(props: { onClose(): void; onDone(d: DisputeDetail, estate: string): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [estate, setEstate] = useState<Estate | undefined>(undefined);
  const [form] = Form.useForm();
  const required = [{ required: true, whitespace: true, message: t('med.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    const d = await api<DisputeDetail>(DISPUTES, {
      quiet: true,
      body: {
        estateId: v.estateId,
        kind: v.kind,
        applicant: v.applicant.trim(),
        respondent: v.respondent.trim(),
        claims: v.claims.trim(),
      },
    });
    message.success(t('med.opened'));
    props.onDone(d, estate?.name ?? '');
  };

  return (
    <ActionModal title={t('med.new')} onOk={submit} onClose={props.onClose} errorId="new-dispute-error">
      <Alert type="info" showIcon title={t('med.newHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" data-testid="new-dispute-form">
        <Form.Item name="estateId" label={t('med.estate')} rules={[{ required: true, message: t('med.required') }]}>
          <EstateSelect<string> placeholder={t('estate.pick')} onPicked={setEstate} testId="dispute-estate" />
        </Form.Item>
        <Form.Item name="kind" label={t('med.kind')} rules={[{ required: true, message: t('med.required') }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: label('medKind', k) }))} data-testid="dispute-kind" />
        </Form.Item>
        <Form.Item name="applicant" label={t('med.applicant')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="respondent" label={t('med.respondent')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="claims" label={t('med.claims')} rules={required} extra={t('med.claimsHint')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
