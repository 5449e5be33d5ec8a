import { PlusOutlined } from '@ant-design/icons';
import { Button, Collapse, Empty, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { canReadVotes, canRecordCommittees, canRunCommittees } from '../roles.ts';
import { useSession } from '../session.tsx';
import type { Committee } from '../types.ts';
import { CommitteeCard } from './committees/CommitteeCard.tsx';
import { NewCommittee } from './committees/NewCommittee.tsx';
import { Reviews } from './committees/Reviews.tsx';

/**
 * The estate's owners' committee or property management committee (业委会 / 物管会): the one in office and any
 * still handing over in full, earlier ones folded away.
 */
export function Committees({ estateId }: { estateId: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { data, loading, reload } = useApi<Committee[]>(`/api/v1/estates/${estateId}/committees`);
  const [creating, setCreating] = useState(false);
  const list = data ?? [];
  const current = list.filter((c) => c.status !== 'ended');
  const ended = list.filter((c) => c.status === 'ended');
  const active = list.find((c) => c.status === 'active');
  const canRun = canRunCommittees(me);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="committees">
      {canRecordCommittees(me) && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-committee">
          {t('committee.new')}
        </Button>
      )}
      {loading && !data && <Skeleton active />}
      {data && !list.length && <Empty description={t('committee.none')} />}
      {current.map((c) => (
        <CommitteeCard key={c.id} c={c} canRun={canRun} onChanged={reload} />
      ))}
      {active && canReadVotes(me) && <Reviews committee={active} />}
      {ended.length > 0 && (
        <Collapse
          data-testid="previous-committees"
          items={[
            {
              key: 'previous',
              label: t('committee.previous', { n: ended.length }),
              children: (
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  {ended.map((c) => (
                    <CommitteeCard key={c.id} c={c} canRun={false} onChanged={reload} />
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      {creating && (
        <NewCommittee
          estateId={estateId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
    </Space>
  );
}
