import { Space, Table, Tag, Tooltip } from 'antd';
import { ExportButtons, LoadMore } from '../components.tsx';
import { formatArea } from '../format.ts';
import { useCursorList } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { Unit } from '../types.ts';

const byNumber = new Intl.Collator('zh-CN', { numeric: true });

/** The units (专有部分) of one building with their effective area and (masked) owners. */
export function UnitsTable({ buildingId }: { buildingId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const list = useCursorList<Unit>('/api/v1/units', { buildingId }, 200);
  // The API orders unit numbers as text (1001 before 101); people read them floor by floor.
  const units = [...list.items].sort((a, b) => (a.floor ?? 0) - (b.floor ?? 0) || byNumber.compare(a.number, b.number));
  return (
    <>
      <div style={{ textAlign: 'right', marginBottom: 12 }}>
        <ExportButtons path="/api/v1/units" params={{ buildingId }} />
      </div>
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={list.loading && list.items.length === 0}
        dataSource={units}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="units-table"
        columns={[
          { title: t('unit.number'), dataIndex: 'number', width: 90 },
          { title: t('unit.floor'), dataIndex: 'floor', width: 70, render: (f: number | null) => f ?? '—' },
          { title: t('unit.use'), dataIndex: 'use', width: 90, render: (u: string) => label('use', u) },
          {
            title: t('unit.area'),
            dataIndex: 'area',
            align: 'right',
            width: 170,
            render: (a: number, u) => (
              <Space size={4}>
                <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatArea(a)}</span>
                <Tooltip title={t('unit.areaSourceHint')}>
                  <Tag
                    color={u.areaSource === 'registered' ? 'green' : u.areaSource === 'surveyed' ? 'blue' : 'orange'}
                  >
                    {label('areaSource', u.areaSource)}
                  </Tag>
                </Tooltip>
              </Space>
            ),
          },
          { title: t('unit.holder'), dataIndex: 'holder', width: 110, render: (h: string) => label('holder', h) },
          {
            title: t('unit.owners'),
            dataIndex: 'owners',
            render: (owners: Unit['owners']) =>
              owners.length === 0
                ? '—'
                : owners.map((o) => (
                    <div key={o.personId}>
                      {o.name} <span style={{ color: '#888' }}>{o.phone ?? ''}</span>
                      {o.isRepresentative && owners.length > 1 && (
                        <Tag style={{ marginLeft: 4 }} color="gold">
                          {t('unit.representative')}
                        </Tag>
                      )}
                    </div>
                  )),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </>
  );
}
