import { Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { canDockCourt, FIGURES, type Figures } from '../../mediation/types.ts';
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
  const figures = useApi<Figures | null>(FIGURES, tick);
  const changed = () => setTick((n) => n + 1);
  const items = [{ key: 'ledger', label: t('med.tabLedger'), children: <LedgerTab tick={tick} onChanged={changed} /> }];
  if (canDockCourt(me))
    items.push({ key: 'court', label: t('med.tabCourt'), children: <CourtTab tick={tick} onChanged={changed} /> });
  return (
    <>
      <FiguresCard figures={figures.data} loading={figures.loading} />
      <Card title={t('menu.mediation')}>
        <Typography.Paragraph type="secondary">{t('med.intro')}</Typography.Paragraph>
        <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
      </Card>
    </>
  );
}
