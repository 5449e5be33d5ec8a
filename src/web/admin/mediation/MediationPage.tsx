import { Card, DatePicker, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { query } from '../../api.ts';
import { todayIso } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { canDockCourt, FIGURES, type Figures, type Period } from '../../mediation/types.ts';
import { useSession } from '../../session.tsx';
import { CourtTab } from './CourtTab.tsx';
import { FiguresCard } from './FiguresCard.tsx';
import { LedgerTab } from './LedgerTab.tsx';

/**
 * 矛盾纠纷调解 for the community, the street office and the district (the city reads): the figures, the ledger with
 * each dispute's steps, and for the street office and district the court docking (诉调对接).
 */
export function MediationPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [tab, setTab] = useState('ledger');
  // Bumped by every change, so the figures and both tabs read again.
  const [tick, setTick] = useState(0);
  // The days the disputes were brought (both included): the figures and the ledger both follow it.
  const [period, setPeriod] = useState<Period>({});
  const figures = useApi<Figures | null>(`${FIGURES}?${query({ ...period })}`, tick);
  const changed = () => setTick((n) => n + 1);
  const items = [
    {
      key: 'ledger',
      label: t('med.tabLedger'),
      children: <LedgerTab tick={tick} period={period} onChanged={changed} />,
    },
  ];
  if (canDockCourt(me))
    items.push({ key: 'court', label: t('med.tabCourt'), children: <CourtTab tick={tick} onChanged={changed} /> });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('med.period')}</Typography.Text>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[period.from ? dayjs(period.from) : null, period.to ? dayjs(period.to) : null]}
          onChange={(days) => setPeriod({ from: days?.[0]?.format('YYYY-MM-DD'), to: days?.[1]?.format('YYYY-MM-DD') })}
          disabledDate={(d) => d.isAfter(dayjs(todayIso()), 'day')}
          data-testid="med-period"
        />
        <Typography.Text type="secondary">{t('med.periodHint')}</Typography.Text>
      </Space>
      <FiguresCard figures={figures.data} loading={figures.loading} />
      <Card title={t('menu.mediation')}>
        <Typography.Paragraph type="secondary">{t('med.intro')}</Typography.Paragraph>
        <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
      </Card>
    </>
  );
}
