import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { PhaseTag, ResultView } from '../../voting/components.tsx';
import { type Candidate, MATTERS, type Matter } from '../../voting/types.ts';
import { ParticipationCard } from './ParticipationCard.tsx';

type Action = 'announce' | 'close' | 'publish' | 'cancel';

/** Which buttons a matter offers in each phase; the server checks the state and the clock again. */
const ACTIONS: Record<string, Action[]> = {
  draft: ['announce', 'cancel'],
  announced: ['cancel'],
  ended: ['close'],
  closed: ['publish'],
};

/** One matter for its organisers: the text, the buttons for its state, live participation and the result. */
export function MatterDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { data: m, loading, reload } = useApi<Matter>(`${MATTERS}/${id}`);
  const [busy, setBusy] = useState<Action | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  const run = async (action: Action, extra: Record<string, unknown> = {}) => {
    if (!m) return;
    setBusy(action);
    try {
      await api(`${MATTERS}/${id}/${action}`, { body: { version: m.version, ...extra } });
      message.success(t('vote.done'));
      setCancelling(false);
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
          </Space>
        }
        extra={
          <Space>
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'cancel' ? 'default' : 'primary'}
                danger={a === 'cancel'}
                loading={busy === a}
                onClick={() => (a === 'cancel' ? setCancelling(true) : run(a))}
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
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item
            label={t('vote.item')}
          >{`${m.item}. ${t(`vItem.${m.item}` as 'vItem.1')}`}</Descriptions.Item>
          <Descriptions.Item label={t('vote.noticeDays')}>{m.noticeDays}</Descriptions.Item>
          <Descriptions.Item label={t('vote.opensAt')}>{formatTime(m.opensAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('vote.closesAt')}>{formatTime(m.closesAt, lang)}</Descriptions.Item>
          {m.seats && <Descriptions.Item label={t('vote.seats')}>{m.seats}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{m.body}</Typography.Paragraph>
        {m.candidates.length > 0 && (
          <Table<Candidate>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.candidates}
            columns={[
              { title: t('vote.candidateName'), dataIndex: 'name' },
              { title: t('vote.nomination'), dataIndex: 'nomination', render: (n: string) => label('vNomination', n) },
              { title: t('vote.statement'), dataIndex: 'statement' },
            ]}
          />
        )}
      </Card>
      {m.result && (
        <Card
          title={t('vote.result')}
          style={{ marginTop: 16 }}
          extra={<Link to={`/public/votes/${m.id}`}>{t('vote.publicLink')}</Link>}
        >
          <ResultView result={m.result} candidates={m.candidates} />
        </Card>
      )}
      {hasRoll && <ParticipationCard key={m.version} id={m.id} live={m.phase === 'open'} />}
      <Modal
        open={cancelling}
        title={t('vote.cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy === 'cancel' }}
        onOk={() => run('cancel', { reason: reason.trim() })}
        onCancel={() => setCancelling(false)}
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
