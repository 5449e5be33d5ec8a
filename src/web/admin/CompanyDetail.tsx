import { Card, Descriptions, Empty, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useApi, useCursorList } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { rolesOf } from '../roles.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { Company, Estate, Page } from '../types.ts';
import { COMPANY_STATUS_COLOR } from './Companies.tsx';
import { EstateTable } from './EstateTable.tsx';
import { StaffTable } from './Staff.tsx';

/** Roles that may list staff (registry policy readStaff). */
const STAFF_READERS = [
  'city_regulator',
  'district_regulator',
  'street_office',
  'community',
  'company_admin',
  'project_manager',
];

export function CompanyDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const company = useApi<Company>(`/api/v1/companies/${id}`);
  const estates = useCursorList<Estate>('/api/v1/estates', { companyId: id });
  const c = company.data;
  if (!c) return company.loading ? <Skeleton active /> : <Empty />;
  const canSeeStaff = rolesOf(me).some((r) => STAFF_READERS.includes(r));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space align="center" style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {c.name}
          </Typography.Title>
          <Tag color={COMPANY_STATUS_COLOR[c.status]}>{label('status', c.status)}</Tag>
        </Space>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('company.uscc')}>{c.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('company.legalRepresentative')}>{c.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t('company.contact')}>
            {[c.contactName, c.contactPhone].filter(Boolean).join(' ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('company.address')}>{c.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('company.estates')}>{c.estateCount}</Descriptions.Item>
          <Descriptions.Item label={t('company.staff')}>{c.staffCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'estates',
              label: t('company.tabEstates'),
              children: (
                <EstateTable
                  items={estates.items}
                  loading={estates.loading}
                  hasMore={estates.hasMore}
                  onMore={estates.loadMore}
                  hideCompany
                />
              ),
            },
            ...(canSeeStaff
              ? [{ key: 'staff', label: t('company.tabStaff'), children: <StaffTable companyId={id} /> }]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}

/**
 * 本企业: a company admin is bound to the company itself; staff and project managers are bound to
 * an estate, so their company is the one the server lets them see.
 */
export function MyCompany() {
  const { t } = useI18n();
  const { me } = useSession();
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const bound = me?.bindings.find((b) => b.scopeType === 'company' && b.scopeId)?.scopeId;
    if (bound) {
      navigate(`/companies/${bound}`, { replace: true });
      return;
    }
    api<Page<Company>>('/api/v1/companies?limit=2')
      .then((page) =>
        page.items.length === 1 ? navigate(`/companies/${page.items[0].id}`, { replace: true }) : setMissing(true),
      )
      .catch(() => setMissing(true));
  }, [me]);
  return missing ? <Result status="info" title={t('company.noneBound')} /> : <Skeleton active />;
}
