import { Alert, Button, Form, Input, Modal, Radio, Result } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useYuanRules, YuanInput } from '../../finance/components.tsx';
import { type DeskPaid, FINANCE } from '../../finance/types.ts';
import { formatFen, parseYuan, yuanText } from '../../format.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';

export interface PayingUnit {
  id: string;
  label: string;
  /** What the listed bills of the unit still owe: the default amount. */
  owedFen: number;
}

interface Values {
  amount: string;
  channel: 'cash' | 'transfer';
  voucherNo: string;
}

/**
 * 收款: cash or a transfer taken at the desk, settling the unit's oldest bills first. The voucher number is the
 * payment's identity: entering the same voucher again (a double click, a retry) gives back the same receipt.
 */
export function DeskPayment({ unit, onClose, onPaid }: { unit: PayingUnit; onClose(): void; onPaid(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const yuanRules = useYuanRules();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [paid, setPaid] = useState<(DeskPaid & { amountFen: number }) | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    const amountFen = parseYuan(v.amount) as number;
    setBusy(true);
    setError(null);
    try {
      const res = await api<DeskPaid>(`${FINANCE}/payments/desk`, {
        quiet: true,
        body: { unitId: unit.id, channel: v.channel, amountFen, voucherNo: v.voucherNo.trim() },
      });
      setPaid({ ...res, amountFen });
      onPaid();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (paid)
    return (
      <Modal open title={t('desk.title', { unit: unit.label })} onCancel={onClose} footer={null}>
        <Result
          status="success"
          title={t('desk.done', { amount: formatFen(paid.amountFen) })}
          subTitle={
            <span data-testid="desk-receipt-no">
              {t('receipt.no')} {paid.receiptNo}
            </span>
          }
          extra={[
            <Button key="receipt" type="primary" onClick={() => navigate(`/finance/receipts/${paid.paymentId}`)}>
              {t('desk.openReceipt')}
            </Button>,
            <Button key="close" onClick={onClose}>
              {t('desk.close')}
            </Button>,
          ]}
        />
        {paid.replayed && <Alert type="info" showIcon title={t('desk.replayed')} />}
      </Modal>
    );

  return (
    <Modal
      open
      title={t('desk.title', { unit: unit.label })}
      okText={t('desk.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ amount: unit.owedFen > 0 ? yuanText(unit.owedFen) : '', channel: 'cash', voucherNo: '' }}
        data-testid="desk-form"
      >
        <Form.Item
          name="amount"
          label={t('desk.amount')}
          rules={yuanRules}
          extra={t('desk.amountHint', { owed: formatFen(unit.owedFen) })}
        >
          <YuanInput />
        </Form.Item>
        <Form.Item name="channel" label={t('desk.channel')}>
          <Radio.Group
            optionType="button"
            options={(['cash', 'transfer'] as const).map((c) => ({ value: c, label: label('payChannel', c) }))}
          />
        </Form.Item>
        <Form.Item
          name="voucherNo"
          label={t('desk.voucher')}
          extra={t('desk.voucherHint')}
          rules={[{ required: true, whitespace: true, max: 64 }]}
        >
          <Input placeholder={t('desk.voucherPlaceholder')} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
