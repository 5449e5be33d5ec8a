import { Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { ExportButtons, LoadMore } from '../components.tsx';
import { useCursorList } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import type { StaffMember } from '../types.ts';

/** Staff of the companies in scope; phone and ID numbers arrive masked. */
export function StaffTable({ companyId, q }: { companyId?: string; q?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const list = useCursorList<StaffMember>('/api/v1/staff', { companyId, q });
  return (
    <>
      <Table<StaffMember>
        rowKey="id"
        size="middle"
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="staff-table"
        columns={[
          { title: t('staff.name'), dataIndex: 'name', width: 100 },
          ...(companyId ? [] : [{ title: t('staff.company'), dataIndex: 'companyName' }]),
          {
            title: t('staff.position'),
            dataIndex: 'position',
            width: 110,
            render: (p: string) => label('position', p),
          },
          { title: t('staff.estate'), dataIndex: 'estateName', render: (v: string | null) => v ?? '—' },
          { title: t('staff.phone'), dataIndex: 'phone', width: 130 },
          {
            title: t('staff.certificates'),
            dataIndex: 'certificates',
            render: (cs: StaffMember['certificates']) =>
              cs.length ? cs.map((c) => <Tag key={c.name}>{c.name}</Tag>) : '—',
          },
          {
            title: t('staff.status'),
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{label('status', s)}</Tag>,
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </>
  );
}

/** 员工: everyone the caller may see, searchable. */
export function Staff() {
  const { t } = useI18n();
  const [q, setQ] = useState<string | undefined>();
  return (
    <Card title={t('menu.staff')} extra={<ExportButtons path="/api/v1/staff" params={{ q }} />}>
      <Input.Search
        allowClear
        placeholder={t('staff.search')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      <StaffTable q={q} />
    </Card>
  );
}
