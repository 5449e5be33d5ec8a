import { PropertySafetyFilled, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import {
  type Quarter,
  quarterOf,
  SOURCES,
  type Statement,
  statementUrl,
  todayShanghai,
} from '../finance/public-revenue.ts';
import { QuarterSwitch } from '../finance/QuarterSwitch.tsx';
import { formatFen } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import type { Unit } from '../types.ts';

const card = { marginBottom: 12, borderRadius: 12 } as const;

/** On the home page: one tap to the estate's 公共收益公示. */
export function PublicRevenueEntry() {
  const { t } = useI18n();
  return (
    <Card
      hoverable
      onClick={() => navigate('/h5/public-revenue')}
      style={card}
      styles={{ body: { padding: 16, display: 'flex', alignItems: 'center', gap: 12 } }}
      data-testid="public-revenue-entry"
    >
      <PropertySafetyFilled style={{ fontSize: 26, color: '#52c41a' }} />
      <div style={{ flex: 1 }}>
        <b style={{ fontSize: 16 }}>{t('pr.h5Entry')}</b>
        <div style={{ color: '#999', fontSize: 13 }}>{t('pr.h5EntryHint')}</div>
      </div>
      <RightOutlined style={{ color: '#bbb' }} />
    </Card>
  );
}

/** 公共收益公示: the quarter's disclosure of each estate the resident owns in; earlier quarters one tap back. */
export function MyPublicRevenue() {
  const { t } = useI18n();
  const units = useApi<Unit[]>('/api/v1/me/units');
  const [q, setQ] = useState<Quarter>(() => quarterOf(todayShanghai()));
  if (!units.data) return <Skeleton active />;
  const estates = [...new Map(units.data.map((u) => [u.estateId, u.estateName]))];
  if (!estates.length) return <Empty description={t('h5.noUnits')} style={{ marginTop: 64 }} />;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 8 }}>
        <QuarterSwitch value={q} onChange={setQ} />
      </div>
      {estates.map(([id, name]) => (
        <EstateStatement key={id} estateId={id} estateName={name} quarter={q} />
      ))}
    </>
  );
}

function EstateStatement({
  estateId,
  estateName,
  quarter,
}: {
  estateId: string;
  estateName: string;
  quarter: Quarter;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { data, loading } = useApi<Statement>(statementUrl(estateId, quarter));
  const s = data && !loading ? data : undefined;
  return (
    <Card
      style={card}
      size="small"
      title={estateName}
      extra={s && <span style={{ color: '#999', fontSize: 12 }}>{t('pr.period', { from: s.from, to: s.to })}</span>}
      data-testid="h5-statement"
    >
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
            <Figure title={t('pr.opening')} fen={s.openingFen} testId="h5-opening" />
            <Figure title={t('pr.closing')} fen={s.closingFen} testId="h5-closing" strong />
            <Figure title={t('pr.incomeNet')} fen={s.incomeNetFen} testId="h5-income" color="#389e0d" />
            <Figure title={t('pr.spendingTotal')} fen={s.spendingFen} testId="h5-spending" color="#cf1322" />
          </div>
          {Object.keys(s.bySource).length > 0 && (
            <div style={{ marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
              {SOURCES.filter((k) => s.bySource[k]).map((k) => (
                <Tag key={k} color="green">
                  {label('prSource', k)} {formatFen(s.bySource[k] as number)}
                </Tag>
              ))}
            </div>
          )}
          {s.incomes.length + s.spendings.length === 0 ? (
            <div style={{ color: '#999', textAlign: 'center', padding: '16px 0 4px' }}>{t('pr.noMovement')}</div>
          ) : (
            <div style={{ marginTop: 8 }}>
              {s.incomes.map((i) => (
                <Line
                  key={`i-${i.date}-${i.evidence}`}
                  title={`${label('prSource', i.source)} · ${i.description}`}
                  sub={`${i.date} · ${i.evidence}`}
                  fen={i.netFen}
                  testId="h5-income-line"
                />
              ))}
              {s.spendings.map((x, n) => (
                <Line
                  // biome-ignore lint/suspicious/noArrayIndexKey: the disclosure's spendings carry no id.
                  key={`s-${n}`}
                  title={x.item}
                  sub={`${x.date} · ${x.approval}`}
                  fen={-x.amountFen}
                  testId="h5-spending-line"
                />
              ))}
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function Figure({
  title,
  fen,
  testId,
  color,
  strong,
}: {
  title: string;
  fen: number;
  testId: string;
  color?: string;
  strong?: boolean;
}) {
  return (
    <div style={{ background: '#fafafa', borderRadius: 8, padding: '8px 10px' }} data-testid={testId}>
      <div style={{ color: '#999', fontSize: 12 }}>{title}</div>
      <div style={{ fontSize: strong ? 20 : 17, fontWeight: 600, color, marginTop: 2 }} data-testid="amount">
        {formatFen(fen)}
      </div>
    </div>
  );
}

function Line({ title, sub, fen, testId }: { title: string; sub: string; fen: number; testId: string }) {
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '10px 0', borderTop: '1px solid #f0f0f0' }}
      data-testid={testId}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</div>
        <div
          style={{ color: '#999', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {sub}
        </div>
      </div>
      <b style={{ color: fen < 0 ? '#cf1322' : '#389e0d', whiteSpace: 'nowrap' }}>
        {fen > 0 ? '+' : ''}
        {formatFen(fen)}
      </b>
    </div>
  );
}
