import { Card, Empty } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { Committees } from '../Committees.tsx';
import { EstatePicker, useEstateChoice } from '../EstatePicker.tsx';

/** 业委会: the committees of one of the organiser's estates, with what they may do about them. */
export function CommitteePage() {
  const { t } = useI18n();
  const choice = useEstateChoice();
  return (
    <Card title={t('menu.committee')} extra={<EstatePicker choice={choice} />}>
      {choice.estateId ? (
        <Committees key={choice.estateId} estateId={choice.estateId} />
      ) : (
        <Empty description={t('estate.pick')} />
      )}
    </Card>
  );
}
