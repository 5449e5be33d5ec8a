import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canOrganiseVotes, sectionsFor } from '../../roles.ts';
import { navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Committee } from '../../types.ts';
import { PhaseTag } from '../../voting/components.tsx';
import { MATTERS, type MatterSummary } from '../../voting/types.ts';
import { StartReview } from './StartReview.tsx';

/** The matters about a committee (its annual 述职评议, by-elections to fill its seats); organisers start a review. */
export function Reviews({ committee }: { committee: Committee }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data, loading } = useApi<{ items: MatterSummary[] }>(`${MATTERS}?committeeId=${committee.id}`);
  const [starting, setStarting] = useState(false);
  const opens = !!me && sectionsFor(me).includes('voting');
  return (
    <Card
      title={t('committee.reviews')}
      data-testid="committee-reviews"
      extra={
        canOrganiseVotes(me) && (
          <Button onClick={() => setStarting(true)} data-testid="start-review">
            {t('committee.startReview')}
          </Button>
        )
      }
    >
      <Table<MatterSummary>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('committee.noReviews') }}
        onRow={(m) => (opens ? { onClick: () => navigate(`/voting/${m.id}`), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: t('vote.title'), dataIndex: 'title' },
          { title: '', dataIndex: 'purpose', render: (p: string) => <Tag>{label('vPurpose', p)}</Tag> },
          { title: t('vote.state'), dataIndex: 'phase', render: (p: string) => <PhaseTag phase={p} /> },
          {
            title: t('vote.window'),
            key: 'window',
            render: (_, m) => `${formatTime(m.opensAt, lang)} — ${formatTime(m.closesAt, lang)}`,
          },
        ]}
      />
      {starting && <StartReview committee={committee} onClose={() => setStarting(false)} />}
    </Card>
  );
}
