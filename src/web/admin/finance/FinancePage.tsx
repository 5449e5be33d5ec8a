import { Card, Empty, Skeleton, Tabs } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { EstatePicker, useEstateChoice } from '../EstatePicker.tsx';
import { Bills } from './Bills.tsx';
import { FeeItems } from './FeeItems.tsx';

export type FinanceTab = 'items' | 'bills';
const TAB_PATH: Record<FinanceTab, string> = { items: '/finance', bills: '/finance/bills' };

/**
 * 收费管理: one estate's fee items, and its bills with 出账 and 收款. The tabs are paths, so the estate picker
 * (which keeps `?estateId=` on the path it is on) and the browser's back button both stay on the tab.
 */
export function FinancePage({ tab }: { tab: FinanceTab }) {
  const { t } = useI18n();
  const choice = useEstateChoice();
  const estate = choice.estates.find((e) => e.id === choice.estateId);
  const go = (key: string) =>
    navigate(`${TAB_PATH[key as FinanceTab]}${choice.estateId ? `?estateId=${choice.estateId}` : ''}`);
  return (
    <Card title={t('menu.finance')} extra={<EstatePicker choice={choice} />}>
      <Tabs
        activeKey={tab}
        onChange={go}
        items={[
          { key: 'items', label: t('fin.tabItems') },
          { key: 'bills', label: t('fin.tabBills') },
        ]}
        data-testid="finance-tabs"
      />
      {estate ? (
        tab === 'items' ? (
          <FeeItems key={estate.id} estate={estate} />
        ) : (
          <Bills key={estate.id} estate={estate} estateCount={choice.estates.length} />
        )
      ) : choice.estateId && !choice.estates.length ? (
        <Skeleton active />
      ) : (
        <Empty description={t('estate.pick')} />
      )}
    </Card>
  );
}
