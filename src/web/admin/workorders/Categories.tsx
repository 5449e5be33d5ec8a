import { Button, Card, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Department } from '../../types.ts';
import { categoryName } from '../../workorders/api.ts';
import type { Category, Clock } from '../../workorders/types.ts';
import { CategoryEditor } from './CategoryEditor.tsx';
import { NewCategory } from './NewCategory.tsx';

type Row = Category & { children?: Row[] };

/** 分类与责任: the place › category › problem tree with who answers for each problem and its SLA. */
export function Categories() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { data, loading, reload } = useApi<Category[]>('/api/v1/workorders/categories');
  const departments = useApi<Department[]>('/api/v1/departments');
  const [editing, setEditing] = useState<Category | null>(null);
  // The parent of the category being added; null adds a level-1 place.
  const [adding, setAdding] = useState<{ parent: Category | null } | null>(null);
  const kinds = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of departments.data ?? []) if (!m.has(d.kind)) m.set(d.kind, d.name);
    return m;
  }, [departments.data]);

  const tree = useMemo(() => {
    const rows = new Map<string, Row>((data ?? []).map((c) => [c.id, { ...c }]));
    const roots: Row[] = [];
    for (const r of [...rows.values()].sort((a, b) => a.sort - b.sort)) {
      const parent = r.parentId ? rows.get(r.parentId) : undefined;
      if (!parent) roots.push(r);
      else if (parent.children) parent.children.push(r);
      else parent.children = [r];
    }
    return roots;
  }, [data]);

  const clock = (c: Clock | null) => (c ? `${c.amount} ${label('woUnit', c.unit)}` : '—');
  const leaf = (c: Category) => c.level === 3;

  return (
    <Card
      title={t('menu.woCategories')}
      extra={
        <Button type="primary" onClick={() => setAdding({ parent: null })}>
          {t('cat.newRoot')}
        </Button>
      }
    >
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading && !data}
        dataSource={tree}
        pagination={false}
        data-testid="category-table"
        columns={[
          { title: t('cat.name'), render: (_, c) => categoryName(c, lang) },
          { title: t('cat.code'), dataIndex: 'code', width: 200 },
          { title: t('cat.handler'), width: 110, render: (_, c) => (c.handler ? label('woHandler', c.handler) : '') },
          {
            title: t('cat.departmentKind'),
            width: 160,
            render: (_, c) => (c.departmentKind ? (kinds.get(c.departmentKind) ?? c.departmentKind) : ''),
          },
          {
            title: t('cat.priority'),
            width: 90,
            render: (_, c) =>
              c.priority ? (
                <Tag color={c.priority === 'urgent' ? 'red' : c.priority === 'high' ? 'orange' : 'default'}>
                  {label('woPriority', c.priority)}
                </Tag>
              ) : null,
          },
          { title: t('cat.response'), width: 120, render: (_, c) => (leaf(c) ? clock(c.response) : '') },
          { title: t('cat.resolution'), width: 120, render: (_, c) => (leaf(c) ? clock(c.resolution) : '') },
          {
            title: t('cat.active'),
            width: 70,
            render: (_, c) => (c.active ? <Tag color="green">✓</Tag> : <Tag>✗</Tag>),
          },
          {
            title: '',
            width: 110,
            render: (_, c) =>
              leaf(c) ? (
                <Button size="small" onClick={() => setEditing(c)}>
                  {t('cat.edit')}
                </Button>
              ) : (
                <Button size="small" onClick={() => setAdding({ parent: c })}>
                  {t('cat.newChild')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <CategoryEditor
          category={editing}
          departmentKinds={kinds}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {adding && (
        <NewCategory
          parent={adding.parent}
          departmentKinds={kinds}
          onClose={() => setAdding(null)}
          onSaved={() => {
            setAdding(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}
