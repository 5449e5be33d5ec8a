import { RightOutlined, WalletFilled } from '@ant-design/icons';
import { Button, Card, Collapse, Empty, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { usePriceText } from '../finance/components.tsx';
import { type Bill, owed } from '../finance/types.ts';
import { formatArea, formatFen } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import type { Unit } from '../types.ts';
import { PaySheet } from './PaySheet.tsx';

const MY_BILLS = '/api/v1/me/bills';
const card = { marginBottom: 12, borderRadius: 12 } as const;
const unitLabel = (u: Unit) => `${u.buildingName} ${u.number}`;

/** On the home page: what the resident owes over all their units, one tap from 我的账单. */
export function BillsEntry() {
  const { t } = useI18n();
  const { data } = useApi<{ items: Bill[] }>(MY_BILLS);
  const total = data?.items.reduce((s, b) => s + owed(b), 0) ?? 0;
  return (
    <Card
      hoverable
      onClick={() => navigate('/h5/bills')}
      style={card}
      styles={{ body: { padding: 16, display: 'flex', alignItems: 'center', gap: 12 } }}
      data-testid="bills-entry"
    >
      <WalletFilled style={{ fontSize: 26, color: '#fa8c16' }} />
      <b style={{ flex: 1, fontSize: 16 }}>{t('h5.bills')}</b>
      {data &&
        (total > 0 ? (
          <span style={{ color: '#cf1322' }}>{t('pay.owedTotal', { amount: formatFen(total) })}</span>
        ) : (
          <span style={{ color: '#999' }}>{t('pay.nothingOwed')}</span>
        ))}
      <RightOutlined style={{ color: '#bbb' }} />
    </Card>
  );
}

/** 我的账单: each unit's bills, what it still owes and 去缴费; settled bills fold away below. */
export function MyBills() {
  const { t } = useI18n();
  const bills = useApi<{ items: Bill[] }>(MY_BILLS);
  const units = useApi<Unit[]>('/api/v1/me/units');
  const [paying, setPaying] = useState<{ unitId: string; label: string; estate: string; owedFen: number } | null>(null);
  if (!bills.data || !units.data) return <Skeleton active />;
  const byUnit = units.data
    .map((u) => ({ unit: u, bills: bills.data?.items.filter((b) => b.unitId === u.id) ?? [] }))
    .filter((x) => x.bills.length);
  if (!byUnit.length) return <Empty description={t('pay.noBills')} style={{ marginTop: 64 }} />;

  return (
    <>
      {byUnit.map(({ unit, bills: list }) => {
        const open = list.filter((b) => owed(b) > 0);
        const settled = list.filter((b) => owed(b) === 0);
        const due = open.reduce((s, b) => s + owed(b), 0);
        return (
          <Card
            key={unit.id}
            style={card}
            size="small"
            title={unitLabel(unit)}
            extra={<span style={{ color: '#999', fontSize: 13 }}>{unit.estateName}</span>}
            data-testid="unit-bills"
          >
            {open.map((b) => (
              <BillLine key={b.id} bill={b} />
            ))}
            {due > 0 ? (
              <div style={{ display: 'flex', alignItems: 'center', gap: 12, paddingTop: 12 }}>
                <div style={{ flex: 1 }}>
                  {t('pay.due')}
                  <b style={{ color: '#cf1322', fontSize: 20, marginLeft: 6 }} data-testid="unit-due">
                    {formatFen(due)}
                  </b>
                </div>
                <Button
                  type="primary"
                  size="large"
                  style={{ borderRadius: 20, minWidth: 112 }}
                  onClick={() =>
                    setPaying({ unitId: unit.id, label: unitLabel(unit), estate: unit.estateName, owedFen: due })
                  }
                >
                  {t('pay.go')}
                </Button>
              </div>
            ) : (
              <div style={{ color: '#52c41a', padding: '4px 0' }}>{t('pay.allSettled')}</div>
            )}
            {settled.length > 0 && (
              <Collapse
                ghost
                size="small"
                style={{ marginTop: 8 }}
                items={[
                  {
                    key: 'settled',
                    label: t('pay.settledN', { n: settled.length }),
                    children: settled.map((b) => <BillLine key={b.id} bill={b} />),
                  },
                ]}
              />
            )}
          </Card>
        );
      })}
      {paying && <PaySheet {...paying} onClose={() => setPaying(null)} />}
    </>
  );
}

function BillLine({ bill: b }: { bill: Bill }) {
  const { t } = useI18n();
  const price = usePriceText();
  const left = owed(b);
  return (
    <div style={{ display: 'flex', gap: 8, padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div>
          {b.period} {b.item}
        </div>
        <div style={{ color: '#999', fontSize: 12, marginTop: 2 }}>
          {b.area !== null && `${formatArea(b.area)} × `}
          {price(b.priceFen, b.basis)}
        </div>
      </div>
      <div style={{ textAlign: 'right' }}>
        <div style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(b.amountFen)}</div>
        {left === 0 ? (
          <Tag color="green">{t('bill.settled')}</Tag>
        ) : b.paidFen > 0 ? (
          <Tag color="orange">{t('pay.stillOwed', { amount: formatFen(left) })}</Tag>
        ) : null}
      </div>
    </div>
  );
}
