import { Alert, App, Button, Card, Checkbox, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { formatArea, formatTime } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { choiceText, FileLink, findReceipt, PhaseTag, ResultView } from '../voting/components.tsx';
import { type Choice, ELECTION_ITEM, type ExportedMatter, MATTERS, type Matter, type MyVote } from '../voting/types.ts';

const card = { marginBottom: 12, borderRadius: 12 } as const;

/** One matter for a resident: its text, their roll entry, the vote (and 改投 while open), then the result. */
export function VoteView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const matter = useApi<Matter>(`${MATTERS}/${id}`);
  const mine = useApi<MyVote>(`${MATTERS}/${id}/my-vote`);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<ExportedMatter['ballots'][number] | null | undefined>(undefined);
  const m = matter.data;
  const me = mine.data;
  if (!m || !me) return <Skeleton active />;
  const election = m.item === ELECTION_ITEM;
  const open = m.phase === 'open';
  const attachments = m.files.filter((f) => f.kind === 'attachment');
  // Where the 议事规则 forbid 改投, a ballot cast is final.
  const mayVote = me.onRoll && open && (!me.ballot || m.revote);

  const cast = async (body: { choice?: Choice; choices?: string[] }, replace = false) => {
    setBusy(true);
    try {
      await api(`${MATTERS}/${id}/ballots`, { body: { ...body, ...(replace ? { replace: true } : {}) }, quiet: true });
      message.success(t('vote.done'));
      mine.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'voting.already_voted')
        modal.confirm({ title: t('vote.alreadyVoted'), okText: t('vote.recast'), onOk: () => cast(body, true) });
      else message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    if (!me.ballot) return;
    const exp = await api<ExportedMatter>(`${MATTERS}/${id}/export`).catch(() => null);
    if (exp) setCheck(findReceipt(exp, me.ballot.receipt));
  };

  const voteButtons = election ? (
    <>
      <Typography.Text type="secondary">{t('vote.choose', { seats: m.seats ?? 1 })}</Typography.Text>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 10, margin: '10px 0' }}
        value={picked}
        onChange={(v) => setPicked(v as string[])}
        options={m.candidates.map((c) => ({
          value: c.id,
          label: `${c.name}（${label('vNomination', c.nomination)}）`,
          disabled: !picked.includes(c.id) && picked.length >= (m.seats ?? 1),
        }))}
      />
      <Button type="primary" block size="large" loading={busy} onClick={() => cast({ choices: picked }, !!me.ballot)}>
        {me.ballot ? t('vote.recast') : t('vote.cast')}
      </Button>
    </>
  ) : (
    <Space.Compact block>
      {(['agree', 'oppose', 'abstain'] as const).map((c) => (
        <Button
          key={c}
          size="large"
          style={{ flex: 1 }}
          type={c === 'agree' ? 'primary' : 'default'}
          danger={c === 'oppose'}
          loading={busy}
          onClick={() => cast({ choice: c }, !!me.ballot)}
        >
          {t(`vChoice.${c}`)}
        </Button>
      ))}
    </Space.Compact>
  );

  return (
    <>
      <Card style={card} styles={{ body: { padding: 14 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <b style={{ fontSize: 16 }}>{m.title}</b>
          <PhaseTag phase={m.phase} />
        </div>
        <div style={{ color: '#666', margin: '6px 0', fontSize: 13 }}>{t(`vItem.${m.item}` as 'vItem.1')}</div>
        <div style={{ color: '#999', fontSize: 12 }}>
          {t('vote.window')}：{formatTime(m.opensAt, lang)} — {formatTime(m.closesAt, lang)}
        </div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 10 }}>{m.body}</Typography.Paragraph>
      </Card>
      {attachments.length > 0 && (
        <Card title={t('vote.files')} style={card} size="small" data-testid="vote-files">
          {attachments.map((f) => (
            <div key={f.id} style={{ padding: '6px 0' }}>
              <FileLink f={f} />
            </div>
          ))}
        </Card>
      )}
      <Card title={t('vote.myRoll')} style={card} size="small" data-testid="my-roll">
        {me.onRoll ? (
          <Descriptions size="small" column={1}>
            {me.units.map((u) => (
              <Descriptions.Item key={u.label} label={u.label}>
                {formatArea(u.area)}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('vote.total')}>{formatArea(me.area)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('vote.notOnRoll')}</Typography.Text>
        )}
      </Card>
      {me.ballot && (
        <Card style={card} size="small" data-testid="my-ballot">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('vote.receipt')}>
              <Typography.Text copyable strong data-testid="receipt">
                {me.ballot.receipt}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('vote.myChoice')}>
              {choiceText(me.ballot, label, m.candidates)}
            </Descriptions.Item>
            <Descriptions.Item label={t('vote.castAt')}>{formatTime(me.ballot.castAt, lang)}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {me.ballot && open && !m.revote && <Alert type="info" title={t('vote.noRevote')} style={card} />}
      {mayVote && (
        <Card style={card} size="small" title={me.ballot ? t('vote.recast') : t('vote.cast')} data-testid="vote-box">
          {voteButtons}
        </Card>
      )}
      {m.phase === 'announced' && (
        <Alert type="info" title={t('vote.notOpenYet', { t: formatTime(m.opensAt, lang) })} />
      )}
      {m.phase === 'ended' && <Alert type="info" title={t('vote.ended')} />}
      {m.result && (
        <Card title={t('vote.result')} style={card} size="small">
          <ResultView result={m.result} candidates={m.candidates} />
          {m.phase === 'published' && m.publicUntil && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('vote.publicTill', { t: formatTime(m.publicUntil, lang) })}
            </Typography.Paragraph>
          )}
          {me.ballot && (
            <Button block onClick={verify} data-testid="check-ballot">
              {t('vote.check')}
            </Button>
          )}
          {check !== undefined && me.ballot && (
            <Alert
              style={{ marginTop: 12 }}
              type={check ? 'success' : 'error'}
              showIcon
              data-testid="check-result"
              title={
                check
                  ? t('vote.found', { receipt: check.receipt, choice: choiceText(check, label, m.candidates) })
                  : t('vote.notFound', { receipt: me.ballot.receipt })
              }
            />
          )}
        </Card>
      )}
    </>
  );
}
