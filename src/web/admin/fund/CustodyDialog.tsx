import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { type EstateFund, FUND } from '../../fund/types.ts';
import { useI18n } from '../../i18n.tsx';

interface Values {
  resolution: string;
  account: string;
}

/**
 * 移交业主大会: the housing authority hands an estate's fund over to its owners' assembly, recording the assembly's
 * resolution and the account it named. Refused (and said why) while the estate has no serving committee.
 */
export function CustodyDialog(props: { estateId: string; estateName: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await api<EstateFund>(`${FUND}/estates/${props.estateId}/fund-custody`, {
        quiet: true,
        body: { resolution: v.resolution.trim(), account: v.account.trim() },
      });
      message.success(t('fund.handedOver'));
      props.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('fund.handoverTitle', { estate: props.estateName })}
      okText={t('fund.handover')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      <Typography.Paragraph type="secondary">{t('fund.handoverIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="custody-error" />}
      <Form<Values> form={form} layout="vertical" data-testid="custody-form">
        <Form.Item
          name="resolution"
          label={t('fund.resolution')}
          rules={[{ required: true, whitespace: true, message: t('fund.required') }, { max: 500 }]}
        >
          <Input.TextArea rows={2} placeholder={t('fund.resolutionHint')} />
        </Form.Item>
        <Form.Item
          name="account"
          label={t('fund.account')}
          rules={[{ required: true, whitespace: true, message: t('fund.required') }, { max: 100 }]}
        >
          <Input placeholder={t('fund.accountHint')} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
