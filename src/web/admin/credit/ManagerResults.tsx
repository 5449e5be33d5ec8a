import { Alert, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { scoreColumns } from '../../credit/score.tsx';
import { CREDIT, formatPoints, type ManagerResult } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { usePublishedPeriods } from './RankingTable.tsx';

/**
 * 项目负责人评价: the managers' results of a published quarter — every manager for the authorities, the company's
 * own for its admin (the server decides which).
 */
export function ManagerResults() {
  const { t } = useI18n();
  const periods = usePublishedPeriods();
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? periods.data?.[0]?.period ?? null;
  const results = useApi<ManagerResult[]>(period ? `${CREDIT}/periods/${period}/managers` : null);
  if (periods.data?.length === 0) return <Alert type="info" showIcon title={t('credit.noPeriods')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('credit.managersIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('credit.period')}</Typography.Text>
        <Select
          style={{ width: 140 }}
          value={period}
          loading={periods.loading}
          onChange={setChosen}
          options={(periods.data ?? []).map((p) => ({ value: p.period, label: p.period }))}
          data-testid="manager-period"
        />
      </Space>
      <Table<ManagerResult>
        rowKey="staffId"
        size="small"
        pagination={false}
        loading={results.loading}
        dataSource={period ? (results.data ?? []) : []}
        locale={{ emptyText: t('credit.noManagers') }}
        data-testid="credit-managers"
        columns={[
          { title: t('credit.staff'), dataIndex: 'name' },
          { title: t('credit.company'), dataIndex: 'company' },
          {
            title: t('credit.good'),
            dataIndex: 'good',
            align: 'right',
            render: (v: number) => (v ? `+${formatPoints(v)}` : '0'),
          },
          {
            title: t('credit.bad'),
            dataIndex: 'bad',
            align: 'right',
            render: (v: number) => (v ? `-${formatPoints(v)}` : '0'),
          },
          ...scoreColumns(t),
        ]}
      />
    </>
  );
}
