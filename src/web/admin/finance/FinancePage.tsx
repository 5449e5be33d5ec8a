import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { canQuotePrices } from '../../finance/fees.ts';
import { useI18n } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { EstatePicker, ForChosenEstate, useEstateChoice } from '../EstatePicker.tsx';
import { Arrears } from './Arrears.tsx';
import { Bills } from './Bills.tsx';
import { FeeItems } from './FeeItems.tsx';
import { PriceNegotiation } from './PriceNegotiation.tsx';
import { Refunds } from './Refunds.tsx';

export type FinanceTab = 'items' | 'bills' | 'arrears' | 'refunds' | 'prices';
const TAB_PATH: Record<FinanceTab, string> = {
  items: '/finance',
  bills: '/finance/bills',
  arrears: '/finance/arrears',
  refunds: '/finance/refunds',
  prices: '/finance/prices',
};
const TAB_LABEL: Record<FinanceTab, MessageKey> = {
  items: 'fin.tabItems',
  bills: 'fin.tabBills',
  arrears: 'fin.tabArrears',
  refunds: 'fin.tabRefunds',
  prices: 'fin.tabPrices',
};

/** The finance tab a path names, if any. */
export const financeTabOf = (path: string): FinanceTab | null =>
  (Object.keys(TAB_PATH) as FinanceTab[]).find((k) => TAB_PATH[k] === path) ?? null;

/**
 * 收费管理: one estate's fee items, its bills with 出账 and 收款, its arrears with 催缴, refunds, and the
 * negotiation of its service fee (which the desk staff do not take part in). The tabs are paths, so the estate
 * picker (which keeps `?estateId=` on the path it is on) and the browser's back button both stay on the tab.
 */
export function FinancePage({ tab }: { tab: FinanceTab }) {
  const { t } = useI18n();
  const { me } = useSession();
  const choice = useEstateChoice();
  const tabs = (Object.keys(TAB_PATH) as FinanceTab[]).filter((k) => k !== 'prices' || canQuotePrices(me));
  const active = tabs.includes(tab) ? tab : 'items';
  const go = (key: string) =>
    navigate(`${TAB_PATH[key as FinanceTab]}${choice.estateId ? `?estateId=${choice.estateId}` : ''}`);
  const pane = (e: Estate): ReactNode => {
    switch (active) {
      case 'bills':
        return <Bills key={e.id} estate={e} several={choice.several} />;
      case 'arrears':
        return <Arrears key={e.id} estate={e} />;
      case 'refunds':
        return <Refunds key={e.id} estate={e} />;
      case 'prices':
        return <PriceNegotiation key={e.id} estate={e} />;
      default:
        return <FeeItems key={e.id} estate={e} />;
    }
  };
  return (
    <Card title={t('menu.finance')} extra={<EstatePicker choice={choice} />}>
      <Tabs
        activeKey={active}
        onChange={go}
        items={tabs.map((k) => ({ key: k, label: t(TAB_LABEL[k]) }))}
        data-testid="finance-tabs"
      />
      <ForChosenEstate choice={choice}>{pane}</ForChosenEstate>
    </Card>
  );
}
