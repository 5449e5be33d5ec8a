import { Segmented, Table } from 'antd';
import { useState } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { useEstateNames } from '../../inspections/hooks.ts';
import { type Figure, percentOfBp, SUPERVISION } from '../../inspections/types.ts';
import type { Company, Page, Region } from '../../types.ts';

type By = 'estate' | 'company' | 'street';

/** 整改统计: found, rectified and on time by estate, company or street; rates from the server's basis points. */
export function FiguresTab() {
  const { t } = useI18n();
  const [by, setBy] = useState<By>('estate');
  const figures = useApi<Figure[]>(`${SUPERVISION}/rectification-figures?by=${by}`);
  const rows = figures.data ?? [];
  const name = useNames(by, rows);
  return (
    <>
      <Segmented<By>
        value={by}
        onChange={setBy}
        style={{ marginBottom: 16 }}
        data-testid="figures-by"
        options={[
          { value: 'estate', label: t('insp.byEstate') },
          { value: 'company', label: t('insp.byCompany') },
          { value: 'street', label: t('insp.byStreet') },
        ]}
      />
      <Table<Figure>
        rowKey="key"
        size="middle"
        data-testid="figures"
        loading={figures.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('insp.noFigures') }}
        columns={[
          { title: t('insp.name'), dataIndex: 'key', render: (k: string) => name(k) },
          { title: t('insp.found'), dataIndex: 'found', align: 'right', sorter: (a, b) => a.found - b.found },
          { title: t('insp.rectified'), dataIndex: 'rectified', align: 'right' },
          {
            title: t('insp.rate'),
            dataIndex: 'rateBp',
            align: 'right',
            sorter: (a, b) => (a.rateBp ?? -1) - (b.rateBp ?? -1),
            render: percentOfBp,
          },
          { title: t('insp.onTime'), dataIndex: 'onTime', align: 'right' },
          {
            title: t('insp.onTimeRate'),
            dataIndex: 'onTimeBp',
            align: 'right',
            sorter: (a, b) => (a.onTimeBp ?? -1) - (b.onTimeBp ?? -1),
            render: percentOfBp,
          },
        ]}
      />
    </>
  );
}

/** The figures' keys are ids (an estate, a company, a street's region): their names, as far as the caller sees. */
function useNames(by: By, rows: Figure[]) {
  const { t } = useI18n();
  const estates = useEstateNames(by === 'estate' ? rows.map((r) => r.key) : []);
  const companies = useApi<Page<Company>>(by === 'company' ? '/api/v1/companies?limit=200' : null);
  const regions = useApi<Region[]>(by === 'street' ? '/api/v1/regions' : null);
  return (key: string) => {
    if (by === 'estate') return estates.names[key] ?? '';
    if (by === 'company')
      return key ? (companies.data?.items.find((c) => c.id === key)?.name ?? key) : t('insp.noCompany');
    return regions.data?.find((r) => r.id === key)?.name ?? key;
  };
}
