import { Button, Result, Skeleton } from 'antd';
import { ReceiptView } from '../finance/ReceiptView.tsx';
import { FINANCE, type Receipt } from '../finance/types.ts';
import { formatFen } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate, useLocation } from '../router.tsx';

/** A payment's 收据 on the phone; straight after paying (`?paid=1`) it opens with 缴费成功. */
export function MyReceipt({ id }: { id: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const { data } = useApi<Receipt>(`${FINANCE}/payments/${id}/receipt`);
  if (!data) return <Skeleton active />;
  return (
    <>
      {query.get('paid') && (
        <Result
          status="success"
          title={t('pay.success')}
          subTitle={formatFen(data.amountFen)}
          style={{ padding: '16px 0 12px' }}
          data-testid="pay-success"
        />
      )}
      <ReceiptView receipt={data} />
      <Button
        block
        size="large"
        style={{ marginTop: 16, height: 48, borderRadius: 12 }}
        onClick={() => navigate('/h5/bills')}
      >
        {t('pay.backToBills')}
      </Button>
    </>
  );
}
