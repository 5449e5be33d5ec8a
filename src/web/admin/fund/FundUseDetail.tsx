import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { formatArea, formatFen } from '../../format.ts';
import {
  canApplyFundUse,
  canConfirmEmergency,
  canKeepFund,
  FUND_USES,
  type FundShare,
  type FundUse,
} from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canReadVotes, sectionsFor } from '../../roles.ts';
import { Link, navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate, Me } from '../../types.ts';
import { OutcomeTag, PhaseTag } from '../../voting/components.tsx';
import { MATTERS, type Matter, RULES, type Rules } from '../../voting/types.ts';
import { VotingWindowFields } from '../../voting/VotingWindowFields.tsx';
import { STATE_COLOR } from './FundUses.tsx';

type Action = 'vote' | 'confirm-emergency' | 'decide' | 'contract' | 'acceptance' | 'disburse';
const ACTION_LABEL = {
  vote: 'fund.requestVote',
  'confirm-emergency': 'fund.confirmEmergency',
  decide: 'fund.decide',
  contract: 'fund.recordContract',
  acceptance: 'fund.recordAcceptance',
  disburse: 'fund.disburse',
} as const;
const byLabel = new Intl.Collator('zh-CN', { numeric: true });

/** The buttons an application offers in its state to this user; the server checks state, role and version again. */
function actionsFor(a: FundUse, me: Me | null | undefined): Action[] {
  const applicant = canApplyFundUse(me);
  const payer = applicant || canKeepFund(me);
  switch (a.state) {
    case 'draft':
      if (a.emergency) return canConfirmEmergency(me) ? ['confirm-emergency'] : [];
      return applicant ? ['vote'] : [];
    case 'voting':
      // The route admits the housing authority too, but settling checks the applicants' roles (fund-use.ts).
      return applicant ? ['decide'] : [];
    case 'approved':
      // An emergency may be paid at once; otherwise the contract comes first.
      return [...(applicant ? (['contract'] as const) : []), ...(a.emergency && payer ? (['disburse'] as const) : [])];
    case 'contracted':
      return applicant ? ['acceptance'] : [];
    case 'accepted':
      return payer ? ['disburse'] : [];
    default:
      return [];
  }
}

/** Where the application stands, as steps: the vote (or the emergency confirmation), contract, acceptance, payment. */
function progress(a: FundUse): { current: number; status: 'process' | 'error' | 'finish' } {
  const at: Record<string, number> = { draft: 1, voting: 1, rejected: 1, approved: 2, contracted: 3, accepted: 4 };
  if (a.state === 'disbursed') return { current: 5, status: 'finish' };
  if (a.state === 'cancelled') return { current: 0, status: 'error' };
  return { current: at[a.state] ?? 0, status: a.state === 'rejected' ? 'error' : 'process' };
}

/**
 * One application: its facts, the apportioned shares of the units that benefit (summing to the budget), and the
 * button for its next step — 发起业主表决 or 应急确认, 确认表决结果, 登记合同, 验收, 划拨. Refusals show the server's reason.
 */
export function FundUseDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { me } = useSession();
  const { data: a, loading, reload } = useApi<FundUse>(`${FUND_USES}/${id}`);
  const estate = useApi<Estate>(a ? `/api/v1/estates/${a.estateId}` : null).data;
  const votes = canReadVotes(me);
  const matter = useApi<Matter>(a?.matterId && votes ? `${MATTERS}/${a.matterId}` : null).data;
  const [dialog, setDialog] = useState<Action | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: Action, extra: Record<string, unknown> = {}) => {
    if (!a) return;
    setBusy(action);
    setError(null);
    try {
      const next = await api<FundUse>(`${FUND_USES}/${id}/${action}`, {
        quiet: true,
        body: { version: a.version, ...extra },
      });
      message.success(t('fund.done', { state: label('fundState', next.state) }));
      setDialog(null);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
      // A stale version: show what changed underneath.
      if (e instanceof ApiError && e.status === 409) reload();
    } finally {
      setBusy(null);
    }
  };

  if (!a) return <Card loading={loading} />;
  const actions = actionsFor(a, me);
  const { current, status } = progress(a);
  const shares = [...a.shares].sort((x, y) => byLabel.compare(x.label, y.label));
  const voteLink = !!a.matterId && !!me && sectionsFor(me).includes('voting');
  const back = () => navigate(`/finance/fund/uses?estateId=${a.estateId}`);
  const open = (action: Action) => {
    setError(null);
    if (action === 'decide') run(action);
    else setDialog(action);
  };

  return (
    <>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} title={t('fund.back')} />
            <span data-testid="fund-use-title">{a.project}</span>
            <Tag color={STATE_COLOR[a.state]} data-testid="fund-use-state">
              {label('fundState', a.state)}
            </Tag>
            {a.emergency && <Tag color="red">{label('emergency', a.emergency)}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {actions.map((x) => (
              <Button key={x} type="primary" loading={busy === x} onClick={() => open(x)}>
                {t(ACTION_LABEL[x])}
              </Button>
            ))}
          </Space>
        }
      >
        {error && !dialog && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setError(null) }}
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="fund-use-error"
          />
        )}
        <Steps
          size="small"
          current={current}
          status={status}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('fund.step.apply') },
            { title: t(a.emergency ? 'fund.step.confirm' : 'fund.step.vote') },
            { title: t('fund.step.contract') },
            { title: t('fund.step.accept') },
            { title: t('fund.step.disburse') },
          ]}
        />
        {a.state === 'voting' && matter?.phase === 'draft' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('fund.matterDraft')}
            action={
              voteLink && (
                <Link to={`/voting/${a.matterId}`} data-testid="matter-link-draft">
                  {t('fund.openMatter')}
                </Link>
              )
            }
          />
        )}
        <div data-testid="fund-use-facts">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('fund.estate')}>{estate?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fund.budget')}>
              <b data-testid="fund-use-budget">{formatFen(a.budgetFen)}</b>
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.scope')}>
              {label('scope', a.scopeKind)} · {t('fund.sharesTotal', { n: a.shares.length })}
            </Descriptions.Item>
            {a.matterId && (
              <Descriptions.Item label={t('fund.matter')}>
                <Space size={4} data-testid="fund-use-matter">
                  {matter && <PhaseTag phase={matter.phase} />}
                  {matter?.result && <OutcomeTag outcome={matter.result.outcome} />}
                  {voteLink ? (
                    <Link to={`/voting/${a.matterId}`} data-testid="matter-link">
                      {t('fund.openMatter')}
                    </Link>
                  ) : null}
                </Space>
              </Descriptions.Item>
            )}
            {a.contractor && <Descriptions.Item label={t('fund.contractor')}>{a.contractor}</Descriptions.Item>}
            {a.contractNo && <Descriptions.Item label={t('fund.contractNo')}>{a.contractNo}</Descriptions.Item>}
            {a.acceptedNote && <Descriptions.Item label={t('fund.acceptNote')}>{a.acceptedNote}</Descriptions.Item>}
          </Descriptions>
        </div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{a.description}</Typography.Paragraph>
      </Card>
      <Card title={t('fund.shares')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('fund.sharesIntro')}</Typography.Paragraph>
        <SharesTable shares={shares} />
      </Card>
      {dialog && dialog !== 'decide' && (
        <ActionDialog
          action={dialog}
          a={a}
          busy={busy === dialog}
          error={error}
          readRules={votes}
          onClose={() => {
            setDialog(null);
            setError(null);
          }}
          onRun={(extra) => run(dialog, extra)}
        />
      )}
    </>
  );
}

function SharesTable({ shares }: { shares: FundShare[] }) {
  const { t } = useI18n();
  const area = shares.reduce((s, x) => s + x.area, 0);
  const fen = shares.reduce((s, x) => s + x.fen, 0);
  return (
    <Table<FundShare>
      rowKey="unitId"
      size="small"
      dataSource={shares}
      pagination={false}
      scroll={{ y: 420 }}
      style={{ maxWidth: 720 }}
      data-testid="fund-shares"
      columns={[
        { title: t('fund.unit'), dataIndex: 'label' },
        { title: t('fund.area'), dataIndex: 'area', align: 'right', render: (x: number) => formatArea(x) },
        {
          title: t('fund.share'),
          dataIndex: 'fen',
          align: 'right',
          render: (x: number) => (
            <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="share-fen">
              {formatFen(x)}
            </span>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <b>{t('fund.sharesTotal', { n: shares.length })}</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {formatArea(area)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <b data-testid="shares-total">{formatFen(fen)}</b>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

interface Fields {
  opensAt?: Dayjs;
  closesAt?: Dayjs;
  contractor?: string;
  contractNo?: string;
  note?: string;
}

/** The dialog of a step: the vote's window, the contract, the acceptance note, or a confirmation. */
function ActionDialog(props: {
  action: Exclude<Action, 'decide'>;
  a: FundUse;
  busy: boolean;
  error: string | null;
  readRules: boolean;
  onClose(): void;
  onRun(extra: Record<string, unknown>): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  const { action, a } = props;
  // The estate's 议事规则 set the shortest notice; the window starts after it.
  const rules = useApi<Rules>(action === 'vote' && props.readRules ? `${RULES}/${a.estateId}` : null).data;
  const required = [{ required: true, whitespace: true, message: t('fund.required') }];
  // A window to start from: the notice period from now, then the 15 days owners usually get to vote.
  useEffect(() => {
    if (!rules || form.getFieldValue('opensAt')) return;
    const opens = dayjs().add(rules.noticeDays, 'day').add(1, 'hour').startOf('hour');
    form.setFieldsValue({ opensAt: opens, closesAt: opens.add(15, 'day') });
  }, [rules, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (action === 'vote') props.onRun({ opensAt: v.opensAt?.toISOString(), closesAt: v.closesAt?.toISOString() });
    else if (action === 'contract') props.onRun({ contractor: v.contractor?.trim(), contractNo: v.contractNo?.trim() });
    else if (action === 'acceptance') props.onRun({ note: v.note?.trim() });
    else props.onRun({});
  };

  let body: ReactNode;
  if (action === 'vote')
    body = (
      <>
        <Typography.Paragraph type="secondary">{t('fund.voteIntro')}</Typography.Paragraph>
        {rules && (
          <Typography.Paragraph data-testid="notice-min">
            {t('fund.noticeMin', { days: rules.noticeDays })}
          </Typography.Paragraph>
        )}
        <VotingWindowFields
          opensLabel={t('fund.opensAt')}
          closesLabel={t('fund.closesAt')}
          required={t('fund.required')}
          testIdPrefix="fund"
        />
      </>
    );
  else if (action === 'contract')
    body = (
      <>
        <Form.Item name="contractor" label={t('fund.contractor')} rules={[...required, { max: 100 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="contractNo" label={t('fund.contractNo')} rules={[...required, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </>
    );
  else if (action === 'acceptance')
    body = (
      <Form.Item name="note" label={t('fund.acceptNote')} rules={[...required, { max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    );
  else if (action === 'confirm-emergency')
    body = <Typography.Paragraph>{t('fund.confirmEmergencyQ')}</Typography.Paragraph>;
  else
    body = (
      <Typography.Paragraph>
        {t('fund.disburseQ', {
          n: a.shares.filter((s) => s.fen > 0).length,
          amount: formatFen(a.budgetFen),
        })}
      </Typography.Paragraph>
    );

  return (
    <Modal
      open
      title={t(ACTION_LABEL[action])}
      okText={t('fund.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={props.busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      {props.error && (
        <Alert type="error" showIcon title={props.error} style={{ marginBottom: 12 }} data-testid="fund-action-error" />
      )}
      <Form<Fields> form={form} layout="vertical" data-testid="fund-action-form">
        {body}
      </Form>
    </Modal>
  );
}
