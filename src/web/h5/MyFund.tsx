import { RightOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Alert, Card, Empty, Progress, Skeleton, Tag } from 'antd';
import { formatFen, formatTime } from '../format.ts';
import type { MyFundUnit } from '../fund/types.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { navigate } from '../router.tsx';

const MY_FUND = '/api/v1/me/fund';
const card = { marginBottom: 12, borderRadius: 12 } as const;

/** On the home page: the fund balance over the resident's units, one tap from 我的维修资金; a 续筹 warning shows. */
export function FundEntry() {
  const { t } = useI18n();
  const { data } = useApi<MyFundUnit[]>(MY_FUND);
  if (!data?.length) return null;
  const deposited = data.some((u) => u.initialFen !== null || u.history.length);
  const total = data.reduce((s, u) => s + u.balanceFen, 0);
  const low = data.filter((u) => u.low).length;
  return (
    <Card
      hoverable
      onClick={() => navigate('/h5/fund')}
      style={card}
      styles={{ body: { padding: 16, display: 'flex', alignItems: 'center', gap: 12 } }}
      data-testid="fund-entry"
    >
      <SafetyCertificateFilled style={{ fontSize: 26, color: '#13a8a8' }} />
      <b style={{ flex: 1, fontSize: 16 }}>{t('h5.fund')}</b>
      {low > 0 ? (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('fund.mine.entryLow', { n: low })}
        </Tag>
      ) : deposited ? (
        <span style={{ color: '#666', fontVariantNumeric: 'tabular-nums' }}>{formatFen(total)}</span>
      ) : (
        <span style={{ color: '#999' }}>{t('fund.mine.notDeposited')}</span>
      )}
      <RightOutlined style={{ color: '#bbb' }} />
    </Card>
  );
}

/** 我的维修资金: each unit's sub-account — balance against the initial deposit, a 续筹 warning, and its movements. */
export function MyFund() {
  const { t } = useI18n();
  const { data } = useApi<MyFundUnit[]>(MY_FUND);
  if (!data) return <Skeleton active />;
  if (!data.length) return <Empty description={t('fund.mine.none')} style={{ marginTop: 64 }} />;
  return (
    <>
      {data.map((u) => (
        <FundCard key={u.unitId} unit={u} />
      ))}
    </>
  );
}

function FundCard({ unit: u }: { unit: MyFundUnit }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  // Integer percent of the initial deposit, truncated: 29.9 % must not read as 30 %.
  const percent = u.initialFen ? Math.max(0, Math.min(100, Math.floor((100 * u.balanceFen) / u.initialFen))) : 0;
  return (
    <Card
      style={card}
      size="small"
      title={u.label}
      extra={u.low && <Tag color="orange">{t('fund.mine.lowTag')}</Tag>}
      data-testid="my-fund-unit"
    >
      <div style={{ color: '#999', fontSize: 13 }}>{t('fund.mine.balance')}</div>
      <div
        style={{ fontSize: 26, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: u.low ? '#d46b08' : '#222' }}
        data-testid="fund-balance"
      >
        {formatFen(u.balanceFen)}
      </div>
      {u.initialFen !== null ? (
        <>
          <Progress
            percent={percent}
            size="small"
            showInfo={false}
            strokeColor={u.low ? '#fa8c16' : '#13a8a8'}
            style={{ margin: '6px 0 2px' }}
          />
          <div style={{ color: '#999', fontSize: 12 }}>
            {t('fund.mine.initial', { amount: formatFen(u.initialFen) })} · {percent}%
          </div>
        </>
      ) : (
        <div style={{ color: '#999', fontSize: 13, marginTop: 4 }}>{t('fund.mine.notDeposited')}</div>
      )}
      {u.low && (
        <Alert type="warning" showIcon title={t('fund.mine.low')} style={{ marginTop: 12 }} data-testid="fund-low" />
      )}
      <div style={{ marginTop: 12, fontWeight: 500 }}>{t('fund.mine.history')}</div>
      {u.history.length ? (
        u.history.map((h, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: movements have no id; the list is never reordered.
            key={`${h.at}-${i}`}
            style={{ display: 'flex', gap: 8, padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}
            data-testid="fund-movement"
          >
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{h.memo}</div>
              <div style={{ color: '#999', fontSize: 12, marginTop: 2 }}>
                {label('fundEntry', h.kind)} · {formatTime(h.at, lang)}
              </div>
            </div>
            <div
              style={{
                fontVariantNumeric: 'tabular-nums',
                color: h.amountFen < 0 ? '#cf1322' : '#389e0d',
                alignSelf: 'center',
              }}
            >
              {h.amountFen > 0 ? '+' : ''}
              {formatFen(h.amountFen)}
            </div>
          </div>
        ))
      ) : (
        <div style={{ color: '#999', padding: '8px 0' }}>{t('fund.mine.noHistory')}</div>
      )}
    </Card>
  );
}
