import { Card, Table, Tag } from 'antd';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import type { Department } from '../types.ts';

/** 职能部门 and the categories of problems each answers for (what escalations are routed by). */
export function Departments() {
  const { t } = useI18n();
  const { data, loading } = useApi<Department[]>('/api/v1/departments');
  return (
    <Card title={t('menu.departments')}>
      <Table<Department>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        data-testid="department-table"
        columns={[
          { title: t('department.name'), dataIndex: 'name', width: 220 },
          { title: t('department.phone'), dataIndex: 'phone', width: 150, render: (p: string | null) => p ?? '—' },
          {
            title: t('department.categories'),
            dataIndex: 'categories',
            render: (cs: string[]) =>
              cs.map((c) => (
                <Tag key={c} color="geekblue" style={{ marginBottom: 4 }}>
                  {c}
                </Tag>
              )),
          },
        ]}
      />
    </Card>
  );
}
