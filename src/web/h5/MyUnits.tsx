import { HomeFilled } from '@ant-design/icons';
import { Card, Empty, Skeleton, Tag } from 'antd';
import { formatArea } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { Unit } from '../types.ts';
import { BillsEntry } from './MyBills.tsx';
import { MyCommittees } from './MyCommittee.tsx';
import { FundEntry } from './MyFund.tsx';
import { PublicRevenueEntry } from './PublicRevenue.tsx';

/** 我的房屋: the units the signed-in resident owns, one card each, their bills, then their estates' committees. */
export function MyUnits() {
  const { t } = useI18n();
  const label = useLabel();
  const { data, loading } = useApi<Unit[]>('/api/v1/me/units');
  if (loading && !data) return <Skeleton active />;
  if (!data?.length) return <Empty description={t('h5.noUnits')} style={{ marginTop: 64 }} />;
  return (
    <>
      {data.map((u) => (
        <Card
          key={u.id}
          style={{ marginBottom: 12, borderRadius: 12 }}
          styles={{ body: { padding: 16 } }}
          data-testid="my-unit"
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <div
              style={{
                width: 44,
                height: 44,
                borderRadius: 10,
                background: '#e6f4ff',
                color: '#1677ff',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 22,
              }}
            >
              <HomeFilled />
            </div>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontSize: 17, fontWeight: 600 }}>{u.estateName}</div>
              <div style={{ color: '#666', marginTop: 2 }}>
                {u.buildingName} · {u.number}
              </div>
            </div>
            <Tag color="blue">{label('use', u.use)}</Tag>
          </div>
          <div style={{ display: 'flex', marginTop: 14, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
            <Cell title={t('unit.area')} value={formatArea(u.area)} />
            <Cell title={t('unit.floor')} value={u.floor === null ? '—' : String(u.floor)} />
            <Cell title={t('unit.owners')} value={u.owners.map((o) => o.name).join('、') || '—'} />
          </div>
        </Card>
      ))}
      <BillsEntry />
      <FundEntry />
      <PublicRevenueEntry />
      <MyCommittees units={data} />
    </>
  );
}

function Cell({ title, value }: { title: string; value: string }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <div style={{ color: '#999', fontSize: 12 }}>{title}</div>
      <div style={{ fontSize: 15, marginTop: 2, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {value}
      </div>
    </div>
  );
}
