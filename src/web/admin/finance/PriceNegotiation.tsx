import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { usePriceText } from '../../finance/components.tsx';
import {
  canCounterPrices,
  canQuotePrices,
  OPEN_PRICE_STATES,
  type PriceProposal,
  type PriceState,
  type PriceVote,
} from '../../finance/fees.ts';
import { type FeeCap, type FeeItem, FINANCE } from '../../finance/types.ts';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canReadVotes, sectionsFor } from '../../roles.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { OutcomeTag, PhaseTag } from '../../voting/components.tsx';
import { CounterDialog, QuoteDialog, VoteDialog } from './PriceDialogs.tsx';

export const PRICE_STATE_COLOR: Record<PriceState, string> = {
  quoted: 'blue',
  countered: 'orange',
  voting: 'purple',
  agreed: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

type Dialog = 'quote' | 'counter' | 'vote';

/** Where the owners' vote stands: its phase (表决中, 已公示…) and, once counted, its outcome. */
function VoteTags({ vote }: { vote: PriceVote }) {
  return (
    <Space size={4}>
      <PhaseTag phase={vote.phase} />
      {vote.outcome && <OutcomeTag outcome={vote.outcome} />}
    </Space>
  );
}

/** The step the negotiation waits on (0 cap … 3 vote; 4 all done), and whether it stopped there. */
function progress(p: PriceProposal | undefined): { current: number; status: 'process' | 'error' | 'finish' } {
  if (!p) return { current: 1, status: 'process' };
  switch (p.state) {
    case 'quoted':
      return { current: 2, status: 'process' };
    case 'countered':
    case 'voting':
      return { current: 3, status: 'process' };
    case 'agreed':
      return { current: 4, status: 'finish' };
    case 'rejected':
      return { current: 3, status: 'error' };
    default:
      return { current: p.counterFen === null ? 2 : 3, status: 'error' };
  }
}

/**
 * 收费标准协商 of one estate's 物业服务费: 政府限价 → 物业报价 → 业主还价 → 业主表决, as steps with the four figures
 * side by side; the buttons of the next step for the side whose turn it is, and the history below. The vote's
 * phase and outcome come with each proposal (the company cannot read owners' votes itself); once its result is
 * published either side applies it, and passed, the price becomes the estate's service fee (the fee items show it).
 */
export function PriceNegotiation({ estate }: { estate: Estate }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const { me } = useSession();
  const proposals = useApi<PriceProposal[]>(`${FINANCE}/estates/${estate.id}/price-proposals`);
  const caps = useApi<FeeCap[]>(`${FINANCE}/fee-caps`);
  const items = useApi<FeeItem[]>(`${FINANCE}/estates/${estate.id}/fee-items`);
  const p = proposals.data?.[0];
  const readVotes = canReadVotes(me);
  const vote = p?.vote ?? null;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState<'settle' | 'withdraw' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const company = canQuotePrices(me);
  const owners = canCounterPrices(me);
  const open = !!p && OPEN_PRICE_STATES.includes(p.state);
  const cap = caps.data?.find((c) => c.grade === estate.serviceGrade) ?? null;
  const serviceFee = items.data?.find((i) => i.serviceFee && i.active);
  const voteLink = !!p?.matterId && !!me && sectionsFor(me).includes('voting');
  const per = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : price(fen, 'area_month'));

  const reload = () => {
    proposals.reload();
    items.reload();
  };
  const step = async (action: 'settle' | 'withdraw') => {
    if (!p) return;
    setBusy(action);
    setError(null);
    try {
      const next = await api<PriceProposal>(`${FINANCE}/price-proposals/${p.id}/${action}`, {
        quiet: true,
        body: { version: p.version },
      });
      message.success(t('fp.done', { state: label('priceState', next.state) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(null);
      reload();
    }
  };
  const done = () => {
    setDialog(null);
    setError(null);
    reload();
  };

  const actions = [
    company && !open && (
      <Button key="quote" type="primary" onClick={() => setDialog('quote')}>
        {t('fp.quote')}
      </Button>
    ),
    owners && p && (p.state === 'quoted' || p.state === 'countered') && (
      <Button key="counter" type={p.state === 'quoted' ? 'primary' : 'default'} onClick={() => setDialog('counter')}>
        {t('fp.counter')}
      </Button>
    ),
    owners && p?.state === 'countered' && (
      <Button key="vote" type="primary" onClick={() => setDialog('vote')}>
        {t('fp.vote')}
      </Button>
    ),
    (company || owners) && p?.state === 'voting' && (
      <Tooltip key="settle" title={vote?.final ? undefined : t('fp.settleWait')}>
        <Button
          type="primary"
          loading={busy === 'settle'}
          disabled={!vote?.final}
          onClick={() => step('settle')}
          data-testid="fp-settle"
        >
          {t('fp.settle')}
        </Button>
      </Tooltip>
    ),
    company && p && (p.state === 'quoted' || p.state === 'countered') && (
      <Popconfirm key="withdraw" title={t('fp.withdrawQ')} onConfirm={() => step('withdraw')}>
        <Button danger loading={busy === 'withdraw'}>
          {t('fp.withdraw')}
        </Button>
      </Popconfirm>
    ),
  ].filter(Boolean);

  const { current, status } = progress(p);
  const figure = (fen: number | null | undefined, testId: string, pending = t('fp.pending')) => (
    <div>
      <Typography.Text strong style={{ fontSize: 18 }} data-testid={testId}>
        {per(fen) ?? pending}
      </Typography.Text>
    </div>
  );
  // The cap the quote was held to, or (before any quote) the city's cap now.
  const capFen = p ? p.capFen : (cap?.capFen ?? null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('fp.intro')}
      </Typography.Paragraph>
      <Card
        size="small"
        loading={proposals.loading && !proposals.data}
        title={
          <Space>
            {t('fp.current')}
            <Typography.Text strong data-testid="fp-current-fee">
              {serviceFee ? price(serviceFee.priceFen, 'area_month') : t('fp.noCurrent')}
            </Typography.Text>
            {p && (
              <Tag color={PRICE_STATE_COLOR[p.state]} data-testid="fp-state">
                {label('priceState', p.state)}
              </Tag>
            )}
          </Space>
        }
        extra={<Space wrap>{actions}</Space>}
        data-testid="fp-card"
      >
        {error && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setError(null) }}
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="fp-error"
          />
        )}
        <Steps
          current={current}
          status={status}
          style={{ marginBottom: 16 }}
          data-testid="fp-steps"
          items={[
            {
              title: t('fp.stepCap'),
              subTitle: t('fp.gradeN', { n: p?.grade ?? estate.serviceGrade }),
              content: figure(capFen, 'fp-cap', t('fp.noCap')),
            },
            { title: t('fp.stepQuote'), content: figure(p?.quoteFen, 'fp-quote') },
            { title: t('fp.stepCounter'), content: figure(p?.counterFen, 'fp-counter') },
            {
              title: t('fp.stepVote'),
              content: (
                <>
                  {figure(p?.agreedFen, 'fp-agreed')}
                  {vote && (
                    <span data-testid="fp-step-vote">
                      <VoteTags vote={vote} />
                    </span>
                  )}
                </>
              ),
            },
          ]}
        />
        {p ? (
          <>
            {p.state === 'voting' && vote?.phase === 'draft' && readVotes && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('fp.matterDraft')}
                action={
                  voteLink && (
                    <Link to={`/voting/${p.matterId}`} data-testid="fp-matter-link-draft">
                      {t('fp.openMatter')}
                    </Link>
                  )
                }
              />
            )}
            <Descriptions size="small" column={1} data-testid="fp-facts">
              <Descriptions.Item label={t('fp.quoteNote')}>{p.quoteNote}</Descriptions.Item>
              {p.counterNote && <Descriptions.Item label={t('fp.counterNote')}>{p.counterNote}</Descriptions.Item>}
              {p.matterId && (vote || voteLink) && (
                <Descriptions.Item label={t('fp.matter')}>
                  <Space size={4} data-testid="fp-matter">
                    {vote && <VoteTags vote={vote} />}
                    {p.state === 'voting' && vote && !vote.final && (
                      <Typography.Text type="secondary">{t('fp.settleWait')}</Typography.Text>
                    )}
                    {voteLink && (
                      <Link to={`/voting/${p.matterId}`} data-testid="fp-matter-link">
                        {t('fp.openMatter')}
                      </Link>
                    )}
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
          </>
        ) : (
          !proposals.loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fp.none')} />
        )}
      </Card>

      {!!proposals.data?.length && (
        <Card size="small" title={t('fp.history')}>
          <Table<PriceProposal>
            rowKey="id"
            size="small"
            dataSource={proposals.data}
            pagination={false}
            data-testid="fp-history"
            columns={[
              {
                title: t('fp.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (x: string) => formatTime(x, lang),
              },
              { title: t('fp.stepCap'), dataIndex: 'capFen', render: (x: number | null) => per(x) ?? t('fp.noCap') },
              { title: t('fp.stepQuote'), dataIndex: 'quoteFen', render: (x: number) => per(x) },
              { title: t('fp.stepCounter'), dataIndex: 'counterFen', render: (x: number | null) => per(x) ?? '—' },
              { title: t('fp.agreedPrice'), dataIndex: 'agreedFen', render: (x: number | null) => per(x) ?? '—' },
              {
                title: t('fp.matter'),
                dataIndex: 'vote',
                render: (v: PriceVote | null) => (v ? <VoteTags vote={v} /> : '—'),
              },
              {
                title: t('fp.state'),
                dataIndex: 'state',
                render: (s: PriceState) => <Tag color={PRICE_STATE_COLOR[s]}>{label('priceState', s)}</Tag>,
              },
            ]}
          />
        </Card>
      )}

      {dialog === 'quote' && <QuoteDialog estate={estate} cap={cap} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'counter' && p && <CounterDialog proposal={p} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'vote' && p && (
        <VoteDialog proposal={p} readRules={readVotes} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Space>
  );
}
