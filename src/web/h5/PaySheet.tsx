import { AlipayCircleFilled, CheckCircleFilled, WechatFilled } from '@ant-design/icons';
import { Alert, Button, Drawer, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, api } from '../api.ts';
import type { OnlinePayment, SimulatedPay } from '../finance/types.ts';
import { formatFen } from '../format.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { navigate } from '../router.tsx';

type Online = 'wechat' | 'alipay';
const BRAND: Record<Online, { color: string; icon: ReactNode }> = {
  wechat: { color: '#07c160', icon: <WechatFilled /> },
  alipay: { color: '#1677ff', icon: <AlipayCircleFilled /> },
};

/**
 * 去缴费: the resident picks WeChat Pay or Alipay for what the unit owes; the order is made on the server, then the
 * provider takes the money. Outside production that provider is the simulator, shown as a cashier sheet clearly
 * marked as simulated: 确认支付 asks it to pay, and it sends the server the signed notice a real provider would.
 */
export function PaySheet({
  unitId,
  label: unitLabel,
  estate,
  owedFen,
  onClose,
}: {
  unitId: string;
  label: string;
  estate: string;
  owedFen: number;
  onClose(): void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const [channel, setChannel] = useState<Online>('wechat');
  const [order, setOrder] = useState<OnlinePayment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };
  const placeOrder = () =>
    run(async () =>
      setOrder(await api<OnlinePayment>('/api/v1/me/payments', { quiet: true, body: { unitId, channel } })),
    );
  const simulatePay = (o: OnlinePayment & { payUrl: string }) =>
    run(async () => {
      const res = await api<SimulatedPay>(o.payUrl, { method: 'POST', quiet: true });
      if (res.notified !== 200 || !res.receiptNo) throw new Error(t('pay.notSettled'));
      navigate(`/h5/receipts/${o.paymentId}?paid=1`);
    });

  const brand = BRAND[order?.channel ?? channel];
  const payButton = { type: 'primary', size: 'large', block: true, loading: busy } as const;
  const payStyle = { height: 48, borderRadius: 24, background: brand.color, marginTop: 16 };
  return (
    <Drawer
      open
      placement="bottom"
      size={order ? 440 : 400}
      onClose={onClose}
      title={order ? t('pay.cashier', { channel: label('payChannel', order.channel) }) : t('pay.title')}
      extra={order && <Tag color="orange">{t('pay.simulated')}</Tag>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div style={{ textAlign: 'center', marginBottom: 16 }}>
        <div style={{ color: '#666' }}>
          {estate} · {unitLabel}
        </div>
        <div style={{ fontSize: 32, fontWeight: 600, marginTop: 4 }} data-testid="pay-amount">
          {formatFen(order?.amountFen ?? owedFen)}
        </div>
        {order && <div style={{ color: '#999', fontSize: 12 }}>{t('pay.orderNo', { no: order.outTradeNo })}</div>}
      </div>
      {!order ? (
        <>
          {(['wechat', 'alipay'] as const).map((c) => (
            <button
              key={c}
              type="button"
              onClick={() => setChannel(c)}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 12,
                width: '100%',
                height: 56,
                padding: '0 16px',
                marginBottom: 8,
                fontSize: 16,
                background: '#fff',
                border: `1px solid ${channel === c ? BRAND[c].color : '#eee'}`,
                borderRadius: 12,
                cursor: 'pointer',
              }}
            >
              <span style={{ fontSize: 26, color: BRAND[c].color }}>{BRAND[c].icon}</span>
              <span style={{ flex: 1, textAlign: 'left' }}>{label('payChannel', c)}</span>
              {channel === c && <CheckCircleFilled style={{ color: BRAND[c].color, fontSize: 20 }} />}
            </button>
          ))}
          <Button {...payButton} style={payStyle} onClick={placeOrder}>
            {t('pay.submit', { amount: formatFen(owedFen) })}
          </Button>
        </>
      ) : order.payUrl ? (
        <>
          <Alert type="warning" showIcon title={t('pay.simulatedHint')} />
          <Button
            {...payButton}
            style={payStyle}
            onClick={() => simulatePay({ ...order, payUrl: order.payUrl as string })}
          >
            {t('pay.confirm')}
          </Button>
        </>
      ) : (
        <Alert type="info" showIcon title={t('pay.external')} />
      )}
    </Drawer>
  );
}
