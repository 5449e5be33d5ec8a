import { Alert, App, Button, Col, Flex, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { type RevenueBook as Book, type Income, PUBLIC_REVENUE, type Spending } from '../../finance/public-revenue.ts';
import { formatFen, formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import {
  canCosignPublicRevenue,
  canReadVotes,
  canRecordPublicIncome,
  canSetPublicRevenue,
  canSpendPublicRevenue,
} from '../../roles.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { CancelDialog, IncomeDialog, SpendingDialog } from './RevenueDialogs.tsx';
import { SettingsDialog, TransferDialog } from './RevenueSettings.tsx';

type Dialog = 'income' | 'spending' | 'settings' | 'transfer' | null;

/**
 * The server's time now, in ms: its `now` when the book was read plus the time elapsed since (on the page's
 * monotonic clock). Whether a 公示 is over is decided as the server decides it, whatever the browser's clock says.
 */
function useServerNow(book: Book | undefined) {
  const skew = useMemo(() => (book ? Date.parse(book.now) - performance.now() : null), [book]);
  return () => (skew === null ? Date.now() : skew + performance.now());
}

/** 收支明细: the owners' account, its settings, the incomes and the spendings with what each role may do to them. */
export function RevenueBook({ estateId }: { estateId: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { data, reload } = useApi<Book>(`${PUBLIC_REVENUE}/estates/${estateId}`);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    setDialog(null);
    reload();
  };
  const spender = canSpendPublicRevenue(me);
  const s = data?.settings;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16} align="bottom">
        <Col xs={12} md={5} data-testid="pr-balance">
          <Statistic
            title={t('pr.balance')}
            value={data ? formatFen(data.balanceFen) : ''}
            loading={!data}
            styles={{ content: { color: '#1677ff' } }}
          />
        </Col>
        <Col xs={12} md={5} data-testid="pr-available">
          <Statistic
            title={
              <Tooltip title={t('pr.availableHint')}>
                <span style={{ borderBottom: '1px dashed #bbb', cursor: 'help' }}>{t('pr.available')}</span>
              </Tooltip>
            }
            value={data ? formatFen(data.availableFen) : ''}
            loading={!data}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Col>
        <Col xs={12} md={4} data-testid="pr-co-managed">
          <Statistic
            title={t('pr.coManaged')}
            value={s ? t(s.coManaged ? 'pr.coManagedOn' : 'pr.coManagedOff') : ''}
            loading={!s}
            styles={{ content: { fontSize: 16 } }}
          />
        </Col>
        <Col xs={12} md={3} data-testid="pr-publicity-days">
          <Statistic
            title={t('pr.publicityDays')}
            value={s ? t('pr.days', { n: s.publicityDays }) : ''}
            loading={!s}
            styles={{ content: { fontSize: 16 } }}
          />
        </Col>
        <Col xs={24} md={7}>
          <Flex wrap gap={8} justify="flex-end">
            {canRecordPublicIncome(me) && (
              <Button type="primary" onClick={() => setDialog('income')} data-testid="pr-record-income">
                {t('pr.recordIncome')}
              </Button>
            )}
            {spender && (
              <Button type="primary" onClick={() => setDialog('spending')} data-testid="pr-propose">
                {t('pr.propose')}
              </Button>
            )}
            {spender && (
              <Button onClick={() => setDialog('transfer')} data-testid="pr-transfer">
                {t('pr.transfer')}
              </Button>
            )}
            {canSetPublicRevenue(me) && (
              <Button onClick={() => setDialog('settings')} disabled={!s} data-testid="pr-settings">
                {t('pr.settings')}
              </Button>
            )}
          </Flex>
        </Col>
      </Row>
      {error && (
        <Alert type="error" showIcon closable onClose={() => setError(null)} title={error} data-testid="pr-error" />
      )}
      <Spendings book={data} onChanged={reload} onError={setError} />
      <Incomes incomes={data?.incomes} />
      {dialog === 'income' && <IncomeDialog estateId={estateId} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === 'spending' && s && data && (
        <SpendingDialog
          estateId={estateId}
          publicityDays={s.publicityDays}
          availableFen={data.availableFen}
          onClose={() => setDialog(null)}
          onSaved={done}
        />
      )}
      {dialog === 'settings' && s && (
        <SettingsDialog estateId={estateId} settings={s} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog === 'transfer' && data && (
        <TransferDialog estateId={estateId} now={data.now} onClose={() => setDialog(null)} onSaved={done} />
      )}
    </Space>
  );
}

function Spendings({
  book,
  onChanged,
  onError,
}: {
  book: Book | undefined;
  onChanged(): void;
  onError(text: string | null): void;
}) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { modal, message } = App.useApp();
  const coManaged = book?.settings.coManaged ?? false;
  const spender = canSpendPublicRevenue(me);
  const cosigner = canCosignPublicRevenue(me);
  const serverNow = useServerNow(book);
  const now = serverNow();
  const [tick, setTick] = useState(0);
  const [cancelling, setCancelling] = useState<Spending | null>(null);
  // A page left open turns 支付 on when the next 公示 ends (by the server's clock), without a reload.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `serverNow` changes with `book`; `tick` re-arms the timer.
  useEffect(() => {
    const at = serverNow();
    const next = Math.min(
      ...(book?.spendings ?? [])
        .filter((x) => x.state === 'publicized')
        .map((x) => Date.parse(x.payableFrom))
        .filter((end) => end > at),
    );
    const wait = next - at + 1_000;
    if (!Number.isFinite(wait) || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [book, tick]);

  /** Asks, then calls; a refusal is shown above the table in the server's words. */
  const act = (title: string, url: string, body: unknown, success: string) =>
    modal.confirm({
      title,
      okText: t('pr.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        onError(null);
        try {
          await api(url, { method: 'POST', body, quiet: true });
          message.success(success);
        } catch (e) {
          onError(e instanceof ApiError ? e.detail : String(e));
        }
        onChanged();
      },
    });

  const stateOf = (x: Spending) => {
    if (x.state !== 'publicized')
      return <Tag color={x.state === 'paid' ? 'green' : 'default'}>{label('prState', x.state)}</Tag>;
    const over = now >= Date.parse(x.payableFrom);
    return <Tag color={over ? 'blue' : 'orange'}>{t(over ? 'prState.payable' : 'prState.publicized')}</Tag>;
  };

  const actions = (x: Spending) => {
    if (x.state !== 'publicized') return null;
    const waiting = now < Date.parse(x.payableFrom);
    const unsigned = coManaged && !x.cosigned;
    const why = waiting
      ? t('pr.waitPublicity', { time: formatTime(x.payableFrom, lang) })
      : unsigned
        ? t('pr.waitCosign')
        : '';
    return (
      <Space size={0}>
        {cosigner && coManaged && !x.cosigned && (
          <Button
            type="link"
            size="small"
            onClick={() =>
              act(
                t('pr.cosignConfirm', { item: x.item, amount: formatFen(x.amountFen) }),
                `${PUBLIC_REVENUE}/spendings/${x.id}/cosign`,
                undefined,
                t('pr.cosignDone'),
              )
            }
          >
            {t('pr.cosign')}
          </Button>
        )}
        {spender && (
          <Tooltip title={why}>
            <Button
              type="link"
              size="small"
              disabled={!!why}
              onClick={() =>
                act(
                  t('pr.payConfirm', { item: x.item, amount: formatFen(x.amountFen) }),
                  `${PUBLIC_REVENUE}/spendings/${x.id}/pay`,
                  { version: x.version },
                  t('pr.paid', { amount: formatFen(x.amountFen) }),
                )
              }
            >
              {t('pr.pay')}
            </Button>
          </Tooltip>
        )}
        {spender && (
          <Button type="link" size="small" danger onClick={() => setCancelling(x)}>
            {t('pr.cancel')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <div>
      <Typography.Title level={5}>{t('pr.spendings')}</Typography.Title>
      <Table<Spending>
        rowKey="id"
        size="small"
        loading={!book}
        dataSource={book?.spendings ?? []}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('pr.noSpendings') }}
        data-testid="pr-spendings"
        columns={[
          {
            title: t('pr.item'),
            render: (_, x) => (
              <>
                {x.item}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {x.description}
                </Typography.Text>
              </>
            ),
          },
          { title: t('pr.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: formatFen },
          {
            title: t('pr.approval'),
            ellipsis: true,
            render: (_, x) =>
              x.approvalKind === 'vote' && x.matterId ? (
                canReadVotes(me) ? (
                  <Link to={`/voting/${x.matterId}`}>{t('pr.voteRef')}</Link>
                ) : (
                  t('pr.voteRef')
                )
              ) : (
                x.resolution
              ),
          },
          { title: t('pr.state'), width: 150, render: (_, x) => stateOf(x) },
          {
            title: t('pr.payableFrom'),
            width: 170,
            render: (_, x) =>
              x.state === 'paid'
                ? `${t('pr.paidOn')} ${x.paidOn}`
                : x.state === 'cancelled'
                  ? '—'
                  : formatTime(x.payableFrom, lang),
          },
          ...(coManaged || book?.spendings.some((x) => x.cosigned)
            ? [
                {
                  title: t('pr.cosign'),
                  width: 110,
                  render: (_: unknown, x: Spending) =>
                    x.cosigned ? (
                      <Tag color="green">{t('pr.cosigned')}</Tag>
                    ) : x.state === 'publicized' ? (
                      <Tag>{t('pr.cosignWaiting')}</Tag>
                    ) : null,
                },
              ]
            : []),
          ...(spender || cosigner ? [{ title: '', width: 180, render: (_: unknown, x: Spending) => actions(x) }] : []),
        ]}
      />
      {cancelling && (
        <CancelDialog
          spending={cancelling}
          onClose={() => setCancelling(null)}
          onSaved={() => {
            setCancelling(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function Incomes({ incomes }: { incomes: Income[] | undefined }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <div>
      <Typography.Title level={5}>{t('pr.incomes')}</Typography.Title>
      <Table<Income>
        rowKey="id"
        size="small"
        loading={!incomes}
        dataSource={incomes ?? []}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('pr.noIncomes') }}
        data-testid="pr-incomes"
        columns={[
          { title: t('pr.receivedOn'), dataIndex: 'date', width: 110 },
          { title: t('pr.source'), dataIndex: 'source', width: 100, render: (v: string) => label('prSource', v) },
          { title: t('pr.description'), dataIndex: 'description' },
          { title: t('pr.gross'), dataIndex: 'grossFen', width: 130, align: 'right', render: formatFen },
          { title: t('pr.cost'), dataIndex: 'costFen', width: 120, align: 'right', render: formatFen },
          {
            title: t('pr.net'),
            dataIndex: 'netFen',
            width: 130,
            align: 'right',
            render: (v: number) => <b>{formatFen(v)}</b>,
          },
          { title: t('pr.evidence'), dataIndex: 'evidence', ellipsis: true },
        ]}
      />
    </div>
  );
}
