import { Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { ExportButtons } from '../../components.tsx';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type Figure, percentOfBp, SUPERVISION } from '../../inspections/types.ts';

type By = 'estate' | 'company' | 'street';

/** 整改统计: found, rectified and on time by estate, company or street; rates from the server's basis points. */
export function FiguresTab() {
  const { t } = useI18n();
  const [by, setBy] = useState<By>('estate');
  const figures = useApi<Figure[]>(`${SUPERVISION}/rectification-figures?by=${by}`);
  const rows = figures.data ?? [];
  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented<By>
          value={by}
          onChange={setBy}
          data-testid="figures-by"
          options={[
            { value: 'estate', label: t('insp.byEstate') },
            { value: 'company', label: t('insp.byCompany') },
            { value: 'street', label: t('insp.byStreet') },
          ]}
        />
        <ExportButtons path={`${SUPERVISION}/rectification-figures`} params={{ by }} testId="figures" />
      </Space>
      <Table<Figure>
        rowKey="key"
        size="middle"
        data-testid="figures"
        loading={figures.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('insp.noFigures') }}
        columns={[
          {
            title: t('insp.name'),
            dataIndex: 'name',
            // Figures without a company are grouped under an empty key.
            render: (name: string | null, r) => name ?? (r.key ? r.key : t('insp.noCompany')),
          },
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
