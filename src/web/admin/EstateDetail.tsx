import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Radio, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { formatArea, formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { rolesOf } from '../roles.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { Building, Estate } from '../types.ts';
import { Committees } from './Committees.tsx';
import { EstateEditor } from './EstateEditor.tsx';
import { UnitsTable } from './UnitsTable.tsx';

export function EstateDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const estate = useApi<Estate>(`/api/v1/estates/${id}`);
  const buildings = useApi<Building[]>(`/api/v1/estates/${id}/buildings`);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const { me } = useSession();
  // Regulators edit an estate's basic data; the server checks the estate is in their jurisdiction.
  const mayEdit = rolesOf(me).some((r) => r === 'city_regulator' || r === 'district_regulator');
  const e = estate.data;
  if (!e) return estate.loading ? <Skeleton active /> : <Empty />;

  const buildingsTab = (
    <>
      <Radio.Group
        value={buildingId}
        onChange={(ev) => setBuildingId(ev.target.value)}
        optionType="button"
        buttonStyle="solid"
        style={{ marginBottom: 16, display: 'flex', flexWrap: 'wrap', gap: 8 }}
        options={(buildings.data ?? []).map((b) => ({
          value: b.id,
          label: `${b.name}（${t('estate.unitsN', { n: b.unitCount })}）`,
        }))}
        data-testid="building-picker"
      />
      {buildingId ? <UnitsTable buildingId={buildingId} /> : <Empty description={t('estate.pickBuilding')} />}
    </>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/registry">
        <ArrowLeftOutlined /> {t('menu.registry')}
      </Link>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {e.name}
          </Typography.Title>
          {mayEdit && <EstateEditor estate={e} onSaved={estate.reload} />}
        </Space>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('estate.code')}>{e.code}</Descriptions.Item>
          <Descriptions.Item label={t('estate.address')}>{e.address}</Descriptions.Item>
          <Descriptions.Item label={t('estate.streetCommunity')}>
            {e.streetName} / {e.communityName}
          </Descriptions.Item>
          <Descriptions.Item label={t('estate.mode')}>{label('mode', e.managementMode)}</Descriptions.Item>
          <Descriptions.Item label={t('estate.company')}>
            {e.companyId ? <Link to={`/companies/${e.companyId}`}>{e.companyName}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('estate.projectManager')}>{e.projectManagerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('estate.grade')}>{t('estate.gradeN', { n: e.serviceGrade })}</Descriptions.Item>
          <Descriptions.Item label={t('estate.totalArea')}>{formatArea(e.totalArea)}</Descriptions.Item>
          <Descriptions.Item label={t('estate.size')}>
            {t('estate.buildingsN', { n: e.buildingCount })} · {t('estate.unitsN', { n: e.unitCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('estate.updatedAt')}>{formatTime(e.updatedAt, lang)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'units', label: t('estate.tabUnits'), children: buildingsTab },
            { key: 'committees', label: t('estate.tabCommittees'), children: <Committees estateId={id} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
