import { Card, DatePicker, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { query } from '../../api.ts';
import { ExportButtons } from '../../components.tsx';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import type { MetricsRow, Rate } from '../../workorders/types.ts';

const PATH = '/api/v1/workorders/metrics';
const GROUPS = ['none', 'company', 'estate', 'street', 'department', 'month'] as const;
const RATES = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeRate',
  'reworkRate',
  'dispatchAccuracy',
  'reportRate',
] as const;

/** "87.5%" from a rate; the fraction behind it in the tooltip; "—" when nothing was counted. */
function Percent({ rate }: { rate: Rate | null }) {
  if (!rate || rate.value === null) return <span style={{ color: '#bbb' }}>—</span>;
  return <span title={`${rate.numerator} / ${rate.denominator}`}>{(rate.value * 100).toFixed(1)}%</span>;
}

/** 办理指标: the rates by company, estate, street, department or month, for a range of months. */
export function Metrics() {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('company');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(5, 'month'), dayjs()]);
  const params = { groupBy, from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') };
  const { data, loading } = useApi<{ items: MetricsRow[] }>(`${PATH}?${query(params)}`);

  return (
    <Card title={t('menu.woMetrics')} extra={<ExportButtons path={PATH} params={params} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('metric.groupBy')}</span>
        <Select
          value={groupBy}
          onChange={setGroupBy}
          style={{ width: 140 }}
          options={GROUPS.map((g) => ({ value: g, label: t(`metric.group.${g}` as MessageKey) }))}
          data-testid="metric-group"
        />
        <span>{t('metric.months')}</span>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      </Space>
      <Table<MetricsRow>
        rowKey={(r) => r.key ?? 'all'}
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="metric-table"
        columns={[
          { title: t('metric.name'), width: 200, render: (_, r) => r.name ?? r.key ?? t('metric.total') },
          { title: t('metric.tickets'), width: 90, align: 'right', render: (_, r) => r.counters.tickets ?? 0 },
          ...RATES.map((k) => ({
            title: t(`metric.${k}` as MessageKey),
            width: 120,
            align: 'right' as const,
            render: (_: unknown, r: MetricsRow) => <Percent rate={r[k]} />,
          })),
        ]}
      />
    </Card>
  );
}
