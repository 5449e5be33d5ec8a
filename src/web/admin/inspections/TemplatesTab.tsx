import { Button, Collapse, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canEditTemplates, SUPERVISION, type Template, type TemplateItem } from '../../inspections/types.ts';
import { useSession } from '../../session.tsx';
import { TemplateDialog } from './TemplateDialog.tsx';

/** 检查模板: each checklist's items (score, photo, legal basis, days to rectify); the authorities add their own. */
export function TemplatesTab() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const templates = useApi<Template[]>(`${SUPERVISION}/inspection-templates`);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Template | null>(null);
  const editable = canEditTemplates(me);
  return (
    <>
      {editable && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setAdding(true)}>
          {t('insp.newTemplate')}
        </Button>
      )}
      {templates.data?.length === 0 && <Empty />}
      <Collapse
        data-testid="templates"
        items={(templates.data ?? []).map((x) => ({
          key: x.id,
          label: (
            <Space>
              {x.name}
              <Tag>{label('inspKind', x.kind)}</Tag>
              <Tag color="blue">
                {t('insp.items')} {x.items.length}
              </Tag>
            </Space>
          ),
          extra: editable && (
            <Button
              size="small"
              data-testid={`edit-template-${x.id}`}
              onClick={(e) => {
                e.stopPropagation();
                setEditing(x);
              }}
            >
              {t('insp.edit')}
            </Button>
          ),
          children: <TemplateItems items={x.items} />,
        }))}
      />
      {adding && (
        <TemplateDialog
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            templates.reload();
          }}
        />
      )}
      {editing && (
        <TemplateDialog
          template={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            templates.reload();
          }}
        />
      )}
    </>
  );
}

export function TemplateItems({ items }: { items: TemplateItem[] }) {
  const { t } = useI18n();
  return (
    <Table<TemplateItem>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('insp.itemText'), dataIndex: 'text' },
        { title: t('insp.maxScore'), dataIndex: 'maxScore', align: 'right', width: 80 },
        {
          title: t('insp.photoRequired'),
          dataIndex: 'photoRequired',
          width: 90,
          render: (v: boolean) => t(v ? 'insp.yes' : 'insp.no'),
        },
        { title: t('insp.legalBasis'), dataIndex: 'legalBasis' },
        { title: t('insp.days'), dataIndex: 'days', align: 'right', width: 120 },
      ]}
    />
  );
}
