import { App, Button, Descriptions, Divider, Drawer, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { TICKETS, transition } from '../../workorders/api.ts';
import { PhotoStrip, responsibleText, SlaTag, StateTag, TicketTimeline } from '../../workorders/components.tsx';
import type { TicketDetail } from '../../workorders/types.ts';
import { ActionModal, DIRECT_ACTIONS } from './ActionModal.tsx';

const DANGER = new Set(['reject', 'out_of_scope', 'decline', 'send_back', 'refuse_escalation']);

/** One ticket in a drawer over the queue: facts, photos, timeline, and a button per allowed action. */
export function TicketDrawer({ id, onClose, onChanged }: { id: string | null; onClose(): void; onChanged(): void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { data: tk, loading, reload } = useApi<TicketDetail>(id ? `${TICKETS}/${id}` : null);
  const [action, setAction] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // While the drawer slides shut (id null) it keeps showing the ticket it had.
  const ready = tk && (tk.id === id || id === null);

  const done = () => {
    message.success(t('wo.done'));
    setAction(null);
    reload();
    onChanged();
  };
  const click = async (a: string) => {
    if (!tk) return;
    if (!DIRECT_ACTIONS.has(a)) return setAction(a);
    setBusy(a);
    try {
      await transition(tk.id, { action: a });
      done();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={640}
      title={ready ? `${tk.number} · ${tk.categoryPath}` : ''}
      data-testid="ticket-drawer"
    >
      {!ready || (loading && !tk) ? (
        <Skeleton active />
      ) : (
        <>
          <Space style={{ marginBottom: 12 }}>
            <StateTag state={tk.state} />
            <SlaTag ticket={tk} />
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{tk.description}</Typography.Paragraph>
          <PhotoStrip photos={tk.photos} />
          <Descriptions column={2} size="small" style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('wo.estate')}>
              {tk.estateName} {tk.placeText ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('wo.priority')}>{label('woPriority', tk.priority)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.responsible')}>{responsibleText(tk, label)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.assignee')}>{tk.assigneeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wo.submittedAt')}>{formatTime(tk.submittedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.due')}>{formatTime(tk.resolutionDue, lang)}</Descriptions.Item>
            {tk.reporterName && <Descriptions.Item label={t('owner.name')}>{tk.reporterName}</Descriptions.Item>}
            {tk.departmentName && <Descriptions.Item label={t('wo.department')}>{tk.departmentName}</Descriptions.Item>}
          </Descriptions>
          <Divider titlePlacement="start">{t('wo.actions')}</Divider>
          <Space wrap data-testid="ticket-actions">
            {tk.allowedActions.length === 0 && <Typography.Text type="secondary">{t('wo.noActions')}</Typography.Text>}
            {tk.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'comment' ? 'default' : 'primary'}
                danger={DANGER.has(a)}
                loading={busy === a}
                onClick={() => click(a)}
              >
                {label('woAction', a)}
              </Button>
            ))}
          </Space>
          <Divider titlePlacement="start">{t('wo.timeline')}</Divider>
          <TicketTimeline entries={tk.timeline} />
          {action && <ActionModal ticket={tk} action={action} onClose={() => setAction(null)} onDone={done} />}
        </>
      )}
    </Drawer>
  );
}
