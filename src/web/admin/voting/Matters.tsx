import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import type { Estate, Page } from '../../types.ts';
import { PhaseTag } from '../../voting/components.tsx';
import { MATTERS, type MatterSummary } from '../../voting/types.ts';
import { NewMatter } from './NewMatter.tsx';

/** 业主表决: the matters of the estates the organiser looks after, newest first. */
export function Matters() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const [creating, setCreating] = useState(false);
  const { data, loading } = useApi<{ items: MatterSummary[] }>(MATTERS);
  // Two are enough to tell whether the organiser looks after a single estate.
  const estates = useApi<Page<Estate>>('/api/v1/estates?limit=2').data?.items;
  return (
    <Card
      title={t('menu.voting')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('vote.new')}
        </Button>
      }
    >
      <Table<MatterSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('vote.none') }}
        onRow={(m) => ({ onClick: () => navigate(`/voting/${m.id}`), style: { cursor: 'pointer' } })}
        data-testid="matter-table"
        columns={[
          {
            title: t('vote.title'),
            dataIndex: 'title',
            render: (title: string, m) => (
              <>
                {title}
                {m.purpose !== 'decision' && (
                  <Tag color="geekblue" style={{ marginLeft: 8 }}>
                    {label('vPurpose', m.purpose)}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('vote.item'), dataIndex: 'item', render: (i: number) => `${i}. ${t(`vItem.${i}` as 'vItem.1')}` },
          { title: t('vote.estate'), dataIndex: 'estate' },
          { title: t('vote.state'), dataIndex: 'phase', render: (p: string) => <PhaseTag phase={p} /> },
          {
            title: t('vote.window'),
            key: 'window',
            render: (_, m) => `${formatTime(m.opensAt, lang)} — ${formatTime(m.closesAt, lang)}`,
          },
        ]}
      />
      {creating && (
        <NewMatter
          only={estates?.length === 1 ? estates[0] : undefined}
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(`/voting/${id}`)}
        />
      )}
    </Card>
  );
}
