import { Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { ExportButtons, LoadMore } from '../components.tsx';
import { useCursorList } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { Company } from '../types.ts';

export const COMPANY_STATUS_COLOR: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  deregistered: 'default',
};

/** 物业企业: the companies in the caller's scope. */
export function Companies() {
  const { t } = useI18n();
  const label = useLabel();
  const [q, setQ] = useState<string | undefined>();
  const list = useCursorList<Company>('/api/v1/companies', { q });
  return (
    <Card title={t('menu.companies')} extra={<ExportButtons path="/api/v1/companies" params={{ q }} />}>
      <Input.Search
        allowClear
        placeholder={t('company.search')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      <Table<Company>
        rowKey="id"
        size="middle"
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="company-table"
        columns={[
          {
            title: t('company.name'),
            dataIndex: 'name',
            render: (v: string, c) => <Link to={`/companies/${c.id}`}>{v}</Link>,
          },
          { title: t('company.uscc'), dataIndex: 'uscc', width: 190 },
          { title: t('company.legalRepresentative'), dataIndex: 'legalRepresentative', width: 100 },
          {
            title: t('company.contact'),
            render: (_, c) => [c.contactName, c.contactPhone].filter(Boolean).join(' ') || '—',
          },
          {
            title: t('company.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag color={COMPANY_STATUS_COLOR[s]}>{label('status', s)}</Tag>,
          },
          { title: t('company.estates'), dataIndex: 'estateCount', width: 80, align: 'right' },
          { title: t('company.staff'), dataIndex: 'staffCount', width: 80, align: 'right' },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </Card>
  );
}
