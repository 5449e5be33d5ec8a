import { Alert, App, Button, Card, Tag } from 'antd';
import { api } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import type { Committee, Unit } from '../types.ts';

/** 我的业委会 for each estate the resident owns in: who sits on the committee in office. */
export function MyCommittees({ units }: { units: Unit[] }) {
  const estates = new Map(units.map((u) => [u.estateId, u.estateName]));
  return [...estates].map(([id, name]) => <MyCommittee key={id} estateId={id} estateName={name} />);
}

/** A member sees that they sit on it and signs their 履职承诺 here, as the rules ask of every member. */
function MyCommittee({ estateId, estateName }: { estateId: string; estateName: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const { me } = useSession();
  const { data, reload } = useApi<Committee[]>(`/api/v1/estates/${estateId}/committees`);
  const c = data?.find((x) => x.status === 'active');
  if (!c) return null;
  const seated = c.members.filter((m) => !m.leftOn);
  const mine = seated.find((m) => m.personId && m.personId === me?.personId);

  const sign = (memberId: string) =>
    modal.confirm({
      title: t('committee.sign'),
      content: t('committee.commitmentDefault'),
      okText: t('committee.signOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        await api(`/api/v1/committee-members/${memberId}/commitment`, {
          body: { text: t('committee.commitmentDefault') },
        });
        message.success(t('committee.signed'));
        reload();
      },
    });

  return (
    <Card
      title={t('committee.mine')}
      extra={<span style={{ color: '#999', fontSize: 13 }}>{estateName}</span>}
      style={{ marginBottom: 12, borderRadius: 12 }}
      size="small"
      data-testid="my-committee"
    >
      <div style={{ color: '#666', fontSize: 13, marginBottom: 10 }}>
        {label('committeeKind', c.kind)} · {t('committee.term')} {c.termStart} ~ {c.termEnd}
        {c.expired && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {t('committee.expired')}
          </Tag>
        )}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {seated.map((m) => (
          <Tag
            key={m.id}
            color={m.position === 'member' ? 'default' : 'blue'}
            style={{ fontSize: 14, padding: '2px 8px' }}
          >
            {m.name} · {label('position', m.position)}
          </Tag>
        ))}
      </div>
      {mine && (
        <Alert
          style={{ marginTop: 12 }}
          type={mine.commitmentSignedAt ? 'success' : 'warning'}
          showIcon
          title={
            mine.commitmentSignedAt ? `${t('committee.youSit')} · ${t('committee.signed')}` : t('committee.youSit')
          }
          action={
            !mine.commitmentSignedAt && (
              <Button size="small" type="primary" onClick={() => sign(mine.id)} data-testid="sign-commitment">
                {t('committee.sign')}
              </Button>
            )
          }
        />
      )}
    </Card>
  );
}
