import { DownloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { exportUrl } from '../../api.ts';
import { formatArea, formatFen } from '../../format.ts';
import { FUND, type FundUnitRow, fundUnitsPath } from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Building } from '../../types.ts';

const byName = new Intl.Collator('zh-CN', { numeric: true });
/** The Select's value for the whole estate. */
const ALL = '';
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>;

/**
 * 分户账: each unit's balance and initial deposit, one building at a time (or the whole estate), with the units to
 * top up tagged; the same list downloads as Excel from the server. `refresh` changes after each deposit.
 */
export function FundLedger({ estateId, refresh }: { estateId: string; refresh: number }) {
  const { t } = useI18n();
  const buildings = [...(useApi<Building[]>(`/api/v1/estates/${estateId}/buildings`).data ?? [])].sort((a, b) =>
    byName.compare(a.name, b.name),
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  // The first building until another (or the whole estate) is chosen.
  const buildingId = chosen ?? buildings[0]?.id;
  const rows = useApi<FundUnitRow[]>(buildingId === undefined ? null : fundUnitsPath(estateId, buildingId));
  const { reload } = rows;
  // `refresh` is the parent asking for the list again (0 on the first render: the list is being read anyway).
  useEffect(() => {
    if (refresh) reload();
  }, [refresh, reload]);
  // Rows of the building on show only: another building's stay until the new ones arrive.
  const data = (rows.data ?? []).filter((r) => !buildingId || r.buildingId === buildingId);

  return (
    <div data-testid="fund-ledger">
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}
      >
        <Space align="baseline">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('fund.ledger')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fund.ledgerIntro')}</Typography.Text>
        </Space>
        <Space>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={buildingId}
            loading={!buildings.length}
            onChange={setChosen}
            style={{ width: 160 }}
            options={[
              { value: ALL, label: t('fund.allBuildings') },
              ...buildings.map((b) => ({ value: b.id, label: b.name })),
            ]}
            data-testid="ledger-building"
          />
          <Button
            icon={<DownloadOutlined />}
            href={exportUrl(`${FUND}/estates/${estateId}/fund/units`, { buildingId }, 'xlsx')}
            disabled={buildingId === undefined}
            data-testid="ledger-xlsx"
          >
            {t('fund.xlsx')}
          </Button>
        </Space>
      </div>
      <Table<FundUnitRow>
        rowKey="unitId"
        size="small"
        style={{ marginTop: 12 }}
        loading={rows.loading}
        dataSource={data}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('fund.ledgerShown', { n }) }}
        locale={{ emptyText: t('fund.ledgerNone') }}
        data-testid="ledger-table"
        columns={[
          { title: t('fund.unit'), dataIndex: 'label', width: 140 },
          { title: t('fund.area'), dataIndex: 'area', align: 'right', render: (a: number) => formatArea(a) },
          {
            title: t('fund.initial'),
            dataIndex: 'initialFen',
            align: 'right',
            render: (fen: number | null) => (fen === null ? <Tag>{t('fund.notDeposited')}</Tag> : money(fen)),
          },
          {
            title: t('fund.balance'),
            dataIndex: 'balanceFen',
            align: 'right',
            sorter: (a, b) => a.balanceFen - b.balanceFen,
            render: (fen: number) => <b>{money(fen)}</b>,
          },
          {
            title: '',
            dataIndex: 'low',
            width: 100,
            render: (low: boolean) => low && <Tag color="orange">{t('fund.mine.lowTag')}</Tag>,
          },
        ]}
      />
    </div>
  );
}
