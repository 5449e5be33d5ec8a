import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { sectionsFor } from '../../roles.ts';
import { Link, navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { PhaseTag, ResultView } from '../../voting/components.tsx';
import { type Candidate, MATTERS, type Matter } from '../../voting/types.ts';
import { MatterFacts } from './MatterFacts.tsx';
import { MatterFiles } from './MatterFiles.tsx';
import { PaperBallot } from './PaperBallot.tsx';
import { ParticipationCard } from './ParticipationCard.tsx';
import { SeatDialog } from './SeatDialog.tsx';

type Action = 'announce' | 'close' | 'publish' | 'cancel';
type Dialog = 'cancel' | 'paper' | 'seat';

/** Which buttons a matter offers in each phase; the server checks the state and the clock again. */
const ACTIONS: Record<string, Action[]> = {
  draft: ['announce', 'cancel'],
  announced: ['cancel'],
  ended: ['close'],
  closed: ['publish'],
};

/** A published election whose winners have not taken their seats yet (a tie for the last seat needs a runoff). */
const seatable = (m: Matter) =>
  (m.purpose === 'election' || m.purpose === 'by_election') &&
  (m.phase === 'published' || m.phase === 'archived') &&
  !m.seatedAt &&
  !!m.result?.elected?.length &&
  !m.result.unresolvedTie?.length;

/** One matter for its organisers: the text, the buttons for its state, live participation and the result. */
export function MatterDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { me } = useSession();
  const { data: m, loading, reload } = useApi<Matter>(`${MATTERS}/${id}`);
  const [busy, setBusy] = useState<Action | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [reason, setReason] = useState('');
  // Paper ballots change participation but not the matter's version: count them to refresh it.
  const [entered, setEntered] = useState(0);

  const run = async (action: Action, extra: Record<string, unknown> = {}) => {
    if (!m) return;
    setBusy(action);
    try {
      await api(`${MATTERS}/${id}/${action}`, { body: { version: m.version, ...extra } });
      message.success(t('vote.done'));
      setDialog(null);
      reload();
    } catch {
      // api() has shown the server's reason (notice too short, still open…).
    } finally {
      setBusy(null);
    }
  };

  if (!m) return <Card loading={loading} />;
  const actions = ACTIONS[m.phase] ?? [];
  const hasRoll = !['draft', 'cancelled'].includes(m.state);
  const takesPaper = m.phase === 'open' || m.phase === 'ended';
  const done = () => {
    setDialog(null);
    reload();
  };
  const paperEntered = () => {
    setEntered((n) => n + 1);
    reload();
  };
  return (
    <>
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/voting')}
              title={t('vote.back')}
            />
            <span data-testid="matter-title">{m.title}</span>
            <PhaseTag phase={m.phase} />
            {m.purpose !== 'decision' && <Tag color="geekblue">{label('vPurpose', m.purpose)}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {takesPaper && <Button onClick={() => setDialog('paper')}>{t('vote.paper')}</Button>}
            {seatable(m) && (
              <Button type="primary" onClick={() => setDialog('seat')}>
                {t('vote.seat')}
              </Button>
            )}
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'cancel' ? 'default' : 'primary'}
                danger={a === 'cancel'}
                loading={busy === a}
                onClick={() => (a === 'cancel' ? setDialog('cancel') : run(a))}
              >
                {t(`vote.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {m.cancelReason && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('vote.cancelled', { reason: m.cancelReason })}
          />
        )}
        <MatterFacts m={m} committeeLink={!!me && sectionsFor(me).includes('committee')} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{m.body}</Typography.Paragraph>
        {m.candidates.length > 0 && (
          <Table<Candidate>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.candidates}
            data-testid="candidates"
            columns={[
              { title: t('vote.candidateName'), dataIndex: 'name' },
              { title: t('vote.nomination'), dataIndex: 'nomination', render: (n: string) => label('vNomination', n) },
              { title: t('vote.statement'), dataIndex: 'statement' },
            ]}
          />
        )}
      </Card>
      <MatterFiles m={m} onUploaded={reload} />
      {m.result && (
        <Card
          title={t('vote.result')}
          style={{ marginTop: 16 }}
          extra={<Link to={`/public/votes/${m.id}`}>{t('vote.publicLink')}</Link>}
        >
          <ResultView result={m.result} candidates={m.candidates} />
        </Card>
      )}
      {hasRoll && <ParticipationCard key={`${m.version}.${entered}`} id={m.id} live={m.phase === 'open'} />}
      {dialog === 'paper' && <PaperBallot m={m} onClose={() => setDialog(null)} onSaved={paperEntered} />}
      {dialog === 'seat' && <SeatDialog m={m} onClose={() => setDialog(null)} onSeated={done} />}
      <Modal
        open={dialog === 'cancel'}
        title={t('vote.cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy === 'cancel' }}
        onOk={() => run('cancel', { reason: reason.trim() })}
        onCancel={() => setDialog(null)}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('vote.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
