import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space } from 'antd';
import { ReceiptView } from '../../finance/ReceiptView.tsx';
import { FINANCE, type Receipt } from '../../finance/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

/** A payment's 收据, to print and hand over: only the receipt itself goes on paper. */
export function ReceiptPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, failed } = useApi<Receipt>(`${FINANCE}/payments/${id}/receipt`);
  return (
    <Card
      title={t('receipt.title')}
      extra={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
            {t('receipt.back')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
            {t('receipt.print')}
          </Button>
        </Space>
      }
    >
      {data ? (
        <ReceiptView receipt={data} />
      ) : failed ? (
        <Result status="404" subTitle={t('error.noPage')} />
      ) : (
        <Skeleton active />
      )}
    </Card>
  );
}
