import { Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { EstatePicker, ForChosenEstate, useEstateChoice } from '../EstatePicker.tsx';
import { Disclosure } from './Disclosure.tsx';
import { RevenueBook } from './RevenueBook.tsx';

/**
 * 公共收益: an estate's owners' account, the incomes the company records and the spendings the committee proposes
 * and pays after their 公示; and the quarterly disclosure everyone may read.
 */
export function PublicRevenuePage() {
  const { t } = useI18n();
  const choice = useEstateChoice();
  const [tab, setTab] = useState('book');
  return (
    <Card title={t('menu.publicRevenue')} extra={<EstatePicker choice={choice} />}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('pr.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'book', label: t('pr.tabBook') },
          { key: 'statement', label: t('pr.tabStatement') },
        ]}
        data-testid="pr-tabs"
      />
      <ForChosenEstate choice={choice}>
        {(e) =>
          tab === 'book' ? <RevenueBook key={e.id} estateId={e.id} /> : <Disclosure key={e.id} estateId={e.id} />
        }
      </ForChosenEstate>
    </Card>
  );
}
