import { Button, Descriptions, Divider, Drawer, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import {
  canDockCourt,
  DISPUTES,
  type Dispute,
  type DisputeDetail,
  holds,
  nextLevel,
  type State,
} from '../../mediation/types.ts';
import { useSession } from '../../session.tsx';
import { type Action, ActionDialog } from './ActionDialog.tsx';

const STATE_COLOR: Partial<Record<State, string>> = {
  open: 'processing',
  mediated: 'success',
  failed: 'error',
  referred: 'purple',
  filed: 'purple',
  court_mediated: 'green',
  judged: 'blue',
};

export function StateTag({ state }: { state: State }) {
  const label = useLabel();
  return <Tag color={STATE_COLOR[state]}>{label('medState', state)}</Tag>;
}

/** The buttons a signed-in person has on a dispute: its level's mediator while open, the court desk after. */
export function actionsFor(me: Parameters<typeof holds>[0], d: Dispute): Action[] {
  const out: Action[] = [];
  if (d.state === 'open' && holds(me, d)) {
    out.push('session', 'agree', 'close');
    if (nextLevel(d.level)) out.push('escalate');
  }
  if (canDockCourt(me) && d.state === 'referred') out.push('filing');
  if (canDockCourt(me) && d.state === 'filed') out.push('courtOutcome');
  return out;
}

const ACTION_LABEL = {
  session: 'med.session',
  agree: 'med.agree',
  close: 'med.close',
  escalate: 'med.escalate',
  filing: 'med.file',
  courtOutcome: 'med.courtOutcome',
} as const;

/** One dispute: the parties and claims, its history level by level, and what the signed-in person may do next. */
export function DisputeDrawer(props: { id: string | null; estate?: string; onClose(): void; onChanged(): void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data: d, reload } = useApi<DisputeDetail>(props.id ? `${DISPUTES}/${props.id}` : null);
  const [action, setAction] = useState<Action | null>(null);
  const ready = d && (d.id === props.id || props.id === null);
  const actions = ready ? actionsFor(me, d) : [];

  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      size={640}
      title={ready ? `${label('medKind', d.kind)} · ${d.applicant}` : ''}
      data-testid="dispute-drawer"
    >
      {!ready ? (
        <Skeleton active />
      ) : (
        <>
          <Space style={{ marginBottom: 12 }}>
            <StateTag state={d.state} />
            <Tag>{label('medLevel', d.level)}</Tag>
          </Space>
          <Descriptions column={1} size="small" bordered data-testid="dispute-facts">
            <Descriptions.Item label={t('med.estate')}>{d.estate || props.estate || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('med.applicant')}>{d.applicant}</Descriptions.Item>
            <Descriptions.Item label={t('med.respondent')}>{d.respondent}</Descriptions.Item>
            <Descriptions.Item label={t('med.claims')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{d.claims}</span>
            </Descriptions.Item>
            {d.agreement && (
              <Descriptions.Item label={t('med.agreement')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{d.agreement}</span>
              </Descriptions.Item>
            )}
            {d.court && <Descriptions.Item label={t('med.court')}>{d.court}</Descriptions.Item>}
            {d.caseNo && <Descriptions.Item label={t('med.caseNo')}>{d.caseNo}</Descriptions.Item>}
            <Descriptions.Item label={t('med.createdAt')}>{formatTime(d.createdAt, lang)}</Descriptions.Item>
            {d.closedOn && <Descriptions.Item label={t('med.closedOn')}>{d.closedOn}</Descriptions.Item>}
          </Descriptions>
          <Divider titlePlacement="start">{t('med.history')}</Divider>
          <Timeline
            data-testid="dispute-history"
            items={d.events.map((e, i) => ({
              key: i,
              content: (
                <>
                  <Typography.Text strong>
                    {e.onDate} {label('medLevel', e.level)} · {label('medEvent', e.kind)}
                  </Typography.Text>
                  {e.by && (
                    <Typography.Text type="secondary" data-testid="event-by">
                      {' '}
                      {t('med.by', { name: e.by })}
                    </Typography.Text>
                  )}
                  {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                </>
              ),
            }))}
          />
          <Divider titlePlacement="start">{t('med.actions')}</Divider>
          <Space wrap data-testid="dispute-actions">
            {actions.length === 0 && <Typography.Text type="secondary">{t('med.noActions')}</Typography.Text>}
            {actions.map((a) => (
              <Button key={a} type={a === 'session' ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {t(ACTION_LABEL[a])}
              </Button>
            ))}
          </Space>
        </>
      )}
      {action && d && (
        <ActionDialog
          dispute={d}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            reload();
            props.onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
