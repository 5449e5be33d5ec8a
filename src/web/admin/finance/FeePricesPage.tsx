import { Card } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { EstatePicker, ForChosenEstate, useEstateChoice } from '../EstatePicker.tsx';
import { PriceNegotiation } from './PriceNegotiation.tsx';

/**
 * 收费标准协商 for the owners' side (the committee, or the street office and community standing in): the same
 * negotiation the company sees in its finance desk, with 业主还价 and 提请业主表决 as their steps.
 */
export function FeePricesPage() {
  const { t } = useI18n();
  const choice = useEstateChoice();
  return (
    <Card title={t('menu.feePrices')} extra={<EstatePicker choice={choice} />}>
      <ForChosenEstate choice={choice}>{(e) => <PriceNegotiation key={e.id} estate={e} />}</ForChosenEstate>
    </Card>
  );
}
