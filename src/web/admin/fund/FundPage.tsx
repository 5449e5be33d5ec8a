import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { canOverseeFund } from '../../fund/types.ts';
import { useI18n } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { match, navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { EstatePicker, ForChosenEstate, useEstateChoice } from '../EstatePicker.tsx';
import { EstateFundView } from './EstateFundView.tsx';
import { FundOverviewView } from './FundOverviewView.tsx';
import { FundRates } from './FundRates.tsx';
import { FundUseDetail } from './FundUseDetail.tsx';
import { FundUses } from './FundUses.tsx';

type FundTab = 'overview' | 'accounts' | 'uses' | 'rates';
const TAB_PATH: Record<FundTab, string> = {
  overview: '/finance/fund',
  accounts: '/finance/fund/accounts',
  uses: '/finance/fund/uses',
  rates: '/finance/fund/rates',
};
const TAB_LABEL: Record<FundTab, MessageKey> = {
  overview: 'fund.tabOverview',
  accounts: 'fund.tabAccounts',
  uses: 'fund.tabUses',
  rates: 'fund.tabRates',
};
/** Tabs that work on one estate: the picker shows, and `?estateId=` goes along when switching between them. */
const PER_ESTATE: FundTab[] = ['accounts', 'uses'];

/**
 * 维修资金: the regulators' overview across estates, one estate's fund account with deposits and the handover, its
 * use applications, and the deposit rates. Tabs are paths (the menu's /finance/fund is the overview for those who
 * oversee, the estate's account for the committee and the company); an application has a page of its own.
 */
export function FundPage() {
  const { path } = useLocation();
  const detail = match('/finance/fund/uses/:id', path);
  if (detail) return <FundUseDetail key={detail.id} id={detail.id} />;
  return <FundTabs path={path} />;
}

function FundTabs({ path }: { path: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const choice = useEstateChoice();
  const overseer = canOverseeFund(me);
  const tabs: FundTab[] = overseer ? ['overview', 'accounts', 'uses', 'rates'] : ['accounts', 'uses', 'rates'];
  const fromPath = (Object.keys(TAB_PATH) as FundTab[]).find((k) => TAB_PATH[k] === path);
  const tab: FundTab = fromPath && tabs.includes(fromPath) ? fromPath : tabs[0];
  const go = (key: string) => {
    const next = key as FundTab;
    const keep = PER_ESTATE.includes(next) && choice.estateId ? `?estateId=${choice.estateId}` : '';
    navigate(`${TAB_PATH[next]}${keep}`);
  };
  const perEstate = (render: (e: Estate) => ReactNode) => <ForChosenEstate choice={choice}>{render}</ForChosenEstate>;

  return (
    <Card title={t('menu.fund')} extra={PER_ESTATE.includes(tab) && <EstatePicker choice={choice} />}>
      <Tabs
        activeKey={tab}
        onChange={go}
        items={tabs.map((k) => ({ key: k, label: t(TAB_LABEL[k]) }))}
        data-testid="fund-tabs"
      />
      {tab === 'overview' && <FundOverviewView />}
      {tab === 'accounts' && perEstate((e) => <EstateFundView key={e.id} estate={e} />)}
      {tab === 'uses' && perEstate((e) => <FundUses key={e.id} estate={e} />)}
      {tab === 'rates' && <FundRates />}
    </Card>
  );
}
