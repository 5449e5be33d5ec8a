import { Card, Descriptions, Skeleton } from 'antd';
import { formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { TICKETS } from '../workorders/api.ts';
import { PhotoStrip, responsibleText, StateTag, TicketTimeline } from '../workorders/components.tsx';
import type { TicketDetail } from '../workorders/types.ts';
import { ResidentActions } from './ResidentActions.tsx';

/** One of the resident's reports: where it stands, who holds it, what happened, and what they can do now. */
export function TicketView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { data: tk, reload } = useApi<TicketDetail>(`${TICKETS}/${id}`);
  if (!tk) return <Skeleton active />;
  return (
    <>
      <Card style={{ borderRadius: 12, marginBottom: 12 }} styles={{ body: { padding: 16 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <span style={{ fontSize: 16, fontWeight: 600 }}>{tk.categoryPath}</span>
          <StateTag state={tk.state} />
        </div>
        <div style={{ marginBottom: 12, whiteSpace: 'pre-wrap' }}>{tk.description}</div>
        <PhotoStrip photos={tk.photos} />
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('wo.number')}>{tk.number}</Descriptions.Item>
          <Descriptions.Item label={t('wo.responsible')}>
            <span data-testid="responsible">{responsibleText(tk, label)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.place')}>
            {tk.estateName} {tk.placeText ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.submittedAt')}>{formatTime(tk.submittedAt, lang)}</Descriptions.Item>
          {tk.satisfaction && (
            <Descriptions.Item label={t('wo.satisfaction')}>{label('woSat', tk.satisfaction)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <ResidentActions ticket={tk} onDone={reload} />
      <Card title={t('wo.timeline')} style={{ borderRadius: 12 }} styles={{ body: { padding: 16 } }}>
        <TicketTimeline entries={tk.timeline} />
      </Card>
    </>
  );
}
