import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n, useLabel } from '../../i18n.tsx';
import { sectionsFor } from '../../roles.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Committee, CommitteeMember } from '../../types.ts';
import { HandoverCard } from './HandoverCard.tsx';
import { MemberTable } from './MemberTable.tsx';
import { PositionsDialog } from './PositionsDialog.tsx';

const STATUS_COLOR = { active: 'green', handover: 'orange', ended: 'default' } as const;

/** One committee: its term and status, who sits on it and who left, its alternates and its handover. */
export function CommitteeCard({ c, canRun, onChanged }: { c: Committee; canRun: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const [positions, setPositions] = useState(false);
  const seated = c.members.filter((m) => !m.leftOn);
  const former = c.members.filter((m) => m.leftOn);
  // Only a committee in office changes its members; one handing over still lists and hands over.
  const live = canRun && c.status === 'active';
  const handoverDue = c.status === 'handover' || (c.status === 'active' && c.expired);
  const seesVotes = !!me && sectionsFor(me).includes('voting');
  return (
    <Card
      data-testid={`committee-${c.status}`}
      title={
        <Space wrap>
          {label('committeeKind', c.kind)}
          <Tag color={STATUS_COLOR[c.status]} data-testid="committee-status">
            {label('cStatus', c.status)}
          </Tag>
          {c.expired && (
            <Tag color="red" data-testid="committee-expired">
              {t('committee.expired')}
            </Tag>
          )}
        </Space>
      }
      extra={live && <Button onClick={() => setPositions(true)}>{t('committee.positions')}</Button>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('committee.term')}>
          {c.termStart ?? '—'} ~ {c.termEnd ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('committee.seats')}>{c.seats ?? seated.length}</Descriptions.Item>
        {c.electedBy && (
          <Descriptions.Item label={t('committee.electedBy')}>
            {seesVotes ? <Link to={`/voting/${c.electedBy}`}>{t('vPurpose.election')}</Link> : t('vPurpose.election')}
          </Descriptions.Item>
        )}
        {c.endedOn && (
          <Descriptions.Item label={t('committee.ended')}>
            {c.endReason
              ? t('committee.endedOn', { date: c.endedOn, reason: label('cEndReason', c.endReason) })
              : c.endedOn}
          </Descriptions.Item>
        )}
        {c.alternates.length > 0 && (
          <Descriptions.Item label={t('committee.alternates')} span={3}>
            <span data-testid="alternates">{c.alternates.map((a, i) => `${i + 1}. ${a.name}`).join('　')}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <MemberTable c={c} members={seated} canRun={canRun} onChanged={onChanged} />
      {former.length > 0 && <FormerMembers members={former} />}
      {(handoverDue || c.handover) && <HandoverCard c={c} canRun={canRun} onChanged={onChanged} />}
      {positions && (
        <PositionsDialog
          c={c}
          members={seated}
          onClose={() => setPositions(false)}
          onSaved={() => {
            setPositions(false);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function FormerMembers({ members }: { members: CommitteeMember[] }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Table<CommitteeMember>
      style={{ marginTop: 16 }}
      size="small"
      rowKey="id"
      pagination={false}
      title={() => t('committee.formerMembers')}
      dataSource={members}
      data-testid="former-members"
      columns={[
        { title: t('committee.memberName'), dataIndex: 'name' },
        { title: t('committee.position'), dataIndex: 'position', render: (p: string) => label('position', p) },
        { title: t('committee.joinedOn'), dataIndex: 'joinedOn' },
        { title: t('committee.leftOn'), dataIndex: 'leftOn' },
        { title: t('committee.leftReason'), dataIndex: 'leftReason' },
      ]}
    />
  );
}
