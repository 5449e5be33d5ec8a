import { Button, Card, Empty, Skeleton } from 'antd';
import { formatTime } from '../format.ts';
import { useCursorList } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import { TICKETS } from '../workorders/api.ts';
import { responsibleText, StateTag } from '../workorders/components.tsx';
import type { TicketSummary } from '../workorders/types.ts';

/** 我的报事: what the resident reported, newest first, with who is responsible for it now. */
export function MyTickets() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const list = useCursorList<TicketSummary>(TICKETS, { sort: 'recent' }, 20);
  if (list.loading && !list.items.length) return <Skeleton active />;
  if (!list.items.length) return <Empty description={t('wo.noTickets')} style={{ marginTop: 64 }} />;
  return (
    <>
      {list.items.map((tk) => (
        <Card
          key={tk.id}
          hoverable
          onClick={() => navigate(`/h5/tickets/${tk.id}`)}
          style={{ marginBottom: 12, borderRadius: 12 }}
          styles={{ body: { padding: 14 } }}
          data-testid="my-ticket"
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <b>{tk.categoryName ?? tk.number}</b>
            <StateTag state={tk.state} />
          </div>
          <div
            style={{
              color: '#555',
              margin: '6px 0',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
          >
            {tk.description}
          </div>
          <div style={{ display: 'flex', justifyContent: 'space-between', color: '#999', fontSize: 12 }}>
            <span>
              {t('wo.responsible')}：{responsibleText(tk, label)}
            </span>
            <span>{formatTime(tk.submittedAt, lang)}</span>
          </div>
        </Card>
      ))}
      {list.hasMore && (
        <Button block onClick={list.loadMore} loading={list.loading}>
          {t('list.more')}
        </Button>
      )}
    </>
  );
}
