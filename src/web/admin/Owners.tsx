import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ExportButtons, LoadMore } from '../components.tsx';
import { useCursorList } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { canReadPii } from '../roles.ts';
import { useSession } from '../session.tsx';
import type { Person, PersonPii } from '../types.ts';

/** 业主: masked by default; roles that must contact owners can reveal one person, and that read is audited. */
export function Owners() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const { me } = useSession();
  const [q, setQ] = useState<string | undefined>();
  const [revealed, setRevealed] = useState<Record<string, PersonPii>>({});
  const list = useCursorList<Person>('/api/v1/owners', { q });
  const mayReveal = canReadPii(me);

  const reveal = (p: Person) =>
    modal.confirm({
      title: t('owner.revealTitle', { name: p.name }),
      content: t('owner.revealAudited'),
      okText: t('owner.revealOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const pii = await api<PersonPii>(`/api/v1/persons/${p.id}/pii`);
        setRevealed((r) => ({ ...r, [p.id]: pii }));
      },
    });

  return (
    <Card title={t('menu.owners')} extra={<ExportButtons path="/api/v1/owners" params={{ q }} />}>
      <Input.Search
        allowClear
        placeholder={t('owner.search')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      <Table<Person>
        rowKey="id"
        size="middle"
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="owner-table"
        columns={[
          { title: t('owner.name'), dataIndex: 'name', width: 100 },
          { title: t('owner.phone'), width: 140, render: (_, p) => revealed[p.id]?.phone ?? p.phone ?? '—' },
          { title: t('owner.idNumber'), width: 200, render: (_, p) => revealed[p.id]?.idNumber ?? p.idNumber ?? '—' },
          {
            title: t('owner.units'),
            dataIndex: 'units',
            render: (units: Person['units']) =>
              units.map((u) => (
                <Tag key={u.unitId} style={{ marginBottom: 4 }}>
                  {u.estateName} {u.buildingName} {u.number}
                </Tag>
              )),
          },
          ...(mayReveal
            ? [
                {
                  title: '',
                  width: 140,
                  render: (_: unknown, p: Person) =>
                    revealed[p.id] ? (
                      <Tag color="red">{t('owner.revealed')}</Tag>
                    ) : (
                      <Button size="small" icon={<EyeOutlined />} onClick={() => reveal(p)}>
                        {t('owner.reveal')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
    </Card>
  );
}
