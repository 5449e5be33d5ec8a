import { Card, Empty, Skeleton } from 'antd';
import { formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { PhaseTag } from '../voting/components.tsx';
import { MATTERS, type MatterSummary } from '../voting/types.ts';

/** 表决: the matters of the resident's estates, from their announcement on. */
export function Votes() {
  const { t, lang } = useI18n();
  const { data, loading } = useApi<{ items: MatterSummary[] }>(MATTERS);
  if (loading && !data) return <Skeleton active />;
  if (!data?.items.length) return <Empty description={t('vote.none')} style={{ marginTop: 64 }} />;
  return (
    <>
      {data.items.map((m) => (
        <Card
          key={m.id}
          hoverable
          onClick={() => navigate(`/h5/votes/${m.id}`)}
          style={{ marginBottom: 12, borderRadius: 12 }}
          styles={{ body: { padding: 14 } }}
          data-testid="my-vote-matter"
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <b>{m.title}</b>
            <PhaseTag phase={m.phase} />
          </div>
          <div style={{ color: '#666', margin: '6px 0', fontSize: 13 }}>{t(`vItem.${m.item}` as 'vItem.1')}</div>
          <div style={{ color: '#999', fontSize: 12 }}>
            {formatTime(m.opensAt, lang)} — {formatTime(m.closesAt, lang)}
          </div>
        </Card>
      ))}
    </>
  );
}
