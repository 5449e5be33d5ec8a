import { Button, Space, Typography } from 'antd';
import { CREDIT, type CreditRecord } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { useRecordDecisions } from './RecordDialogs.tsx';
import { RecordsTable } from './RecordsTable.tsx';

/** 待审核: the authorities' work list across companies — records to approve, objections to decide, oldest first. */
export function AwaitingTab() {
  const { t } = useI18n();
  const awaiting = useApi<CreditRecord[]>(`${CREDIT}/records/awaiting`);
  const decisions = useRecordDecisions(awaiting.reload);
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('credit.awaitingIntro')}</Typography.Text>
        <Button onClick={awaiting.reload} loading={awaiting.loading}>
          {t('credit.refresh')}
        </Button>
      </Space>
      <div data-testid="credit-awaiting">
        <RecordsTable
          across
          records={awaiting.data}
          loading={awaiting.loading}
          actions={decisions.actions}
          emptyText={t('credit.noAwaiting')}
        />
      </div>
      {decisions.dialog}
    </>
  );
}
