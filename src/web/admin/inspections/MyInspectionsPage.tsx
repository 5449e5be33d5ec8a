import { Card, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { PhoneColumn } from './InspectionForm.tsx';
import { MyInspectionList } from './MyInspectionList.tsx';

/** 我的检查: the inspector's assignments, laid out for the phone they carry on site. */
export function MyInspectionsPage() {
  const { t } = useI18n();
  return (
    <PhoneColumn>
      <Card title={t('menu.myInspections')} style={{ borderRadius: 12 }} styles={{ body: { paddingTop: 4 } }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('insp.myIntro')}
        </Typography.Paragraph>
        <MyInspectionList />
      </Card>
    </PhoneColumn>
  );
}
