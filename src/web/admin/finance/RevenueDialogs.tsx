import { Alert, App, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { MAX_REVENUE_FEN, PUBLIC_REVENUE, SOURCES, type Source, type Spending } from '../../finance/public-revenue.ts';
import { formatFen, formatTime, parseYuan, yuanText } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { MATTERS, type MatterSummary, RULES, type Rules } from '../../voting/types.ts';
import { ActionModal } from './ActionModal.tsx';

/** An amount in yuan: at most 2 decimals, within what the server accepts; zero only where `zero` allows it. */
function useAmountRules(zero = false): Rule[] {
  const { t } = useI18n();
  return [
    {
      validator: async (_, v: string | undefined) => {
        if (!v?.trim()) throw new Error(t('money.required'));
        const fen = parseYuan(v);
        if (fen === null) throw new Error(t('money.invalid'));
        if (fen < (zero ? 0 : 1) || fen > MAX_REVENUE_FEN)
          throw new Error(t('money.range', { max: yuanText(MAX_REVENUE_FEN, true) }));
      },
    },
  ];
}

/** What to do about the server's refusals of a spending: the message says why, this says what next. */
const SPENDING_ADVICE: Record<string, MessageKey> = {
  'finance.committee_over_limit': 'pr.overLimitAdvice',
  'finance.spending_exceeds': 'pr.exceedsAdvice',
};

interface IncomeValues {
  source: Source;
  description: string;
  /** yuan, as typed */
  gross: string;
  cost: string;
  evidence: string;
  receivedOn: Dayjs;
}

/** 登记收入: an income with its evidence; the agreed cost share stays with the company, the rest is the owners'. */
export function IncomeDialog({ estateId, onClose, onSaved }: { estateId: string; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncomeValues>();
  const gross = parseYuan(Form.useWatch('gross', form) ?? '');
  const cost = parseYuan(Form.useWatch('cost', form) ?? '');
  const net = gross !== null && cost !== null && cost < gross ? gross - cost : null;
  const amountRules = useAmountRules();
  const costRules: Rule[] = [
    ...useAmountRules(true),
    ({ getFieldValue }) => ({
      validator: async (_, v: string | undefined) => {
        const g = parseYuan(getFieldValue('gross') ?? '');
        const c = parseYuan(v ?? '');
        if (g !== null && c !== null && c >= g) throw new Error(t('pr.costTooLarge'));
      },
    }),
  ];

  const save = async () => {
    const v = await form.validateFields();
    const r = await api<{ id: string; netFen: number }>(`${PUBLIC_REVENUE}/incomes`, {
      quiet: true,
      body: {
        estateId,
        source: v.source,
        description: v.description.trim(),
        grossFen: parseYuan(v.gross) as number,
        costFen: parseYuan(v.cost) as number,
        evidence: v.evidence.trim(),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      },
    });
    message.success(t('pr.incomeSaved', { amount: formatFen(r.netFen) }));
    onSaved();
  };

  return (
    <ActionModal
      title={t('pr.recordIncome')}
      okText={t('estate.save')}
      onOk={save}
      onClose={onClose}
      width={560}
      errorId="pr-dialog-error"
    >
      <Form<IncomeValues>
        form={form}
        layout="vertical"
        initialValues={{ source: 'parking', cost: '0', receivedOn: dayjs() }}
        data-testid="income-form"
      >
        <Form.Item name="source" label={t('pr.source')}>
          <Radio.Group optionType="button" options={SOURCES.map((s) => ({ value: s, label: label('prSource', s) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('pr.description')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input placeholder={t('pr.descriptionHint')} />
        </Form.Item>
        <Form.Item name="gross" label={t('pr.gross')} rules={amountRules} required>
          <YuanInput />
        </Form.Item>
        <Form.Item
          name="cost"
          label={t('pr.cost')}
          rules={costRules}
          required
          dependencies={['gross']}
          extra={t('pr.costHint')}
        >
          <YuanInput />
        </Form.Item>
        {net !== null && (
          <Typography.Paragraph strong style={{ color: '#389e0d' }} data-testid="income-net">
            {t('pr.netPreview', { amount: formatFen(net) })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="evidence"
          label={t('pr.evidence')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
          extra={t('pr.evidenceHint')}
        >
          <Input />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('pr.receivedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="received-on" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

interface SpendingValues {
  item: string;
  description: string;
  amount: string;
  approval: 'committee' | 'vote';
  resolution?: string;
  matterId?: string;
}

/**
 * 支出申请: a spending approved by a committee decision (within the limit the 议事规则 give the committee) or an
 * owners' vote (the server checks the vote passed), within the money available, put on 公示 for the estate's period
 * before it may be paid. The limit and the money available are shown as hints; the server decides.
 */
export function SpendingDialog({
  estateId,
  publicityDays,
  availableFen,
  onClose,
  onSaved,
}: {
  estateId: string;
  publicityDays: number;
  availableFen: number;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpendingValues>();
  const amountRules = useAmountRules();
  const approval = Form.useWatch('approval', form) ?? 'committee';
  const amount = parseYuan(Form.useWatch('amount', form) ?? '');
  const limit = useApi<Rules>(`${RULES}/${estateId}`).data?.committeeSpendLimitFen;
  const overLimit = approval === 'committee' && limit !== undefined && amount !== null && amount > limit;
  const overAvailable = amount !== null && amount > availableFen;
  // Votes with a published result; whether it passed the server checks (the list does not carry the outcome).
  const matters = useApi<{ items: MatterSummary[] }>(approval === 'vote' ? `${MATTERS}?estateId=${estateId}` : null);
  const decided = (matters.data?.items ?? []).filter(
    (m) => m.purpose === 'decision' && (m.phase === 'published' || m.phase === 'archived'),
  );

  const save = async () => {
    const v = await form.validateFields();
    const r = await api<{ id: string; payableFrom: string }>(`${PUBLIC_REVENUE}/spendings`, {
      quiet: true,
      body: {
        estateId,
        item: v.item.trim(),
        description: v.description.trim(),
        amountFen: parseYuan(v.amount) as number,
        ...(v.approval === 'vote' ? { matterId: v.matterId } : { resolution: v.resolution?.trim() }),
      },
    });
    message.success(t('pr.proposed', { until: formatTime(r.payableFrom, lang) }));
    onSaved();
  };

  return (
    <ActionModal
      title={t('pr.propose')}
      okText={t('estate.save')}
      onOk={save}
      onClose={onClose}
      width={560}
      errorId="pr-dialog-error"
      advice={(code) => SPENDING_ADVICE[code] && t(SPENDING_ADVICE[code])}
    >
      <Form<SpendingValues>
        form={form}
        layout="vertical"
        initialValues={{ approval: 'committee' }}
        data-testid="spending-form"
      >
        <Form.Item name="item" label={t('pr.item')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input placeholder={t('pr.itemHint')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('pr.spendingDescription')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('pr.amount')}
          rules={amountRules}
          required
          extra={
            <Typography.Text type={overAvailable ? 'warning' : 'secondary'} data-testid="spending-available">
              {t(overAvailable ? 'pr.overAvailable' : 'pr.availableNow', { amount: formatFen(availableFen) })}
            </Typography.Text>
          }
        >
          <YuanInput />
        </Form.Item>
        <Form.Item
          name="approval"
          label={t('pr.approval')}
          extra={
            limit !== undefined && (
              <Typography.Text type={overLimit ? 'warning' : 'secondary'} data-testid="spending-limit">
                {limit === 0
                  ? t('pr.limitNone')
                  : t(overLimit ? 'pr.overLimit' : 'pr.limitUpTo', { amount: formatFen(limit) })}
              </Typography.Text>
            )
          }
        >
          <Radio.Group
            options={[
              { value: 'committee', label: t('pr.approvalCommittee') },
              { value: 'vote', label: t('pr.approvalVote') },
            ]}
          />
        </Form.Item>
        {approval === 'vote' ? (
          <Form.Item name="matterId" label={t('pr.matter')} rules={[{ required: true }]} extra={t('pr.matterHint')}>
            <Select
              loading={matters.loading}
              notFoundContent={t('pr.noMatters')}
              options={decided.map((m) => ({ value: m.id, label: m.title }))}
              data-testid="matter-select"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="resolution"
            label={t('pr.resolution')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={2} placeholder={t('pr.resolutionHint')} />
          </Form.Item>
        )}
      </Form>
      <Alert type="info" showIcon title={t('pr.proposeHint', { n: publicityDays })} />
    </ActionModal>
  );
}

/** 撤回: a spending on 公示 that will not be made is withdrawn, with the reason on record; its money is free again. */
export function CancelDialog({ spending, onClose, onSaved }: { spending: Spending; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();

  const save = async () => {
    const v = await form.validateFields();
    await api(`${PUBLIC_REVENUE}/spendings/${spending.id}/cancel`, {
      quiet: true,
      body: { version: spending.version, reason: v.reason.trim() },
    });
    message.success(t('pr.cancelled', { item: spending.item }));
    onSaved();
  };

  return (
    <ActionModal
      title={t('pr.cancelTitle', { item: spending.item, amount: formatFen(spending.amountFen) })}
      okText={t('pr.cancel')}
      danger
      onOk={save}
      onClose={onClose}
      errorId="pr-dialog-error"
    >
      <Typography.Paragraph type="secondary">{t('pr.cancelHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="cancel-form">
        <Form.Item name="reason" label={t('pr.cancelReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('pr.cancelReasonHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
