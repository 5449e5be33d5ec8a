import { App, Form, Input, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../api.ts';
import { usePriceText, YuanInput } from '../../finance/components.tsx';
import { MAX_PRICE_FEN, type PriceProposal } from '../../finance/fees.ts';
import { type FeeCap, FINANCE } from '../../finance/types.ts';
import { parseYuan } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Estate } from '../../types.ts';
import { RULES, type Rules } from '../../voting/types.ts';
import { VotingWindowFields } from '../../voting/VotingWindowFields.tsx';
import { ActionModal } from './ActionModal.tsx';

/** A price typed in 元/㎡·月: required, at most 2 decimals, within the server's bounds. */
function usePriceRules(): Rule[] {
  const { t } = useI18n();
  return [
    {
      validator: async (_, v: string | undefined) => {
        if (!v?.trim()) throw new Error(t('fees.required'));
        const fen = parseYuan(v);
        if (fen === null || fen < 1 || fen > MAX_PRICE_FEN) throw new Error(t('fp.priceInvalid'));
      },
    },
  ];
}

/** 物业报价: the company's price within the city's cap, with its cost basis; a price above the cap is refused. */
export function QuoteDialog(props: { estate: Estate; cap: FeeCap | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const rules = usePriceRules();
  const [form] = Form.useForm<{ price: string; note: string }>();
  const grade = props.estate.serviceGrade;
  const submit = async () => {
    const v = await form.validateFields();
    const p = await api<PriceProposal>(`${FINANCE}/estates/${props.estate.id}/price-proposals`, {
      quiet: true,
      body: { quoteFen: parseYuan(v.price), note: v.note.trim() },
    });
    message.success(t('fp.done', { state: label('priceState', p.state) }));
    props.onDone();
  };
  return (
    <ActionModal
      title={t('fp.quoteTitle', { estate: props.estate.name })}
      onOk={submit}
      onClose={props.onClose}
      errorId="fp-dialog-error"
    >
      <Form form={form} layout="vertical" data-testid="fp-quote-form">
        <Form.Item
          name="price"
          label={t('fp.quotePrice')}
          rules={rules}
          extra={
            props.cap
              ? t('fp.quoteCapHint', { grade, cap: price(props.cap.capFen, 'area_month') })
              : t('fp.quoteNoCapHint', { grade })
          }
        >
          <YuanInput suffix={t('priceUnit.area_month')} style={{ width: 220 }} data-testid="fp-quote-price" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('fp.quoteNote')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} placeholder={t('fp.quoteNoteHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 业主还价: the price the owners' side would accept, no higher than the quote. */
export function CounterDialog(props: { proposal: PriceProposal; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const rules = usePriceRules();
  const [form] = Form.useForm<{ price: string; note: string }>();
  const p = props.proposal;
  const submit = async () => {
    const v = await form.validateFields();
    const next = await api<PriceProposal>(`${FINANCE}/price-proposals/${p.id}/counter`, {
      quiet: true,
      body: { version: p.version, counterFen: parseYuan(v.price), note: v.note.trim() },
    });
    message.success(t('fp.done', { state: label('priceState', next.state) }));
    props.onDone();
  };
  return (
    <ActionModal title={t('fp.counterTitle')} onOk={submit} onClose={props.onClose} errorId="fp-dialog-error">
      <Form form={form} layout="vertical" data-testid="fp-counter-form">
        <Form.Item
          name="price"
          label={t('fp.counterPrice')}
          rules={rules}
          extra={t('fp.counterHint', { quote: price(p.quoteFen, 'area_month') })}
        >
          <YuanInput suffix={t('priceUnit.area_month')} style={{ width: 220 }} data-testid="fp-counter-price" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('fp.counterNote')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} placeholder={t('fp.counterNoteHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

interface VoteFields {
  price: string;
  opensAt?: Dayjs;
  closesAt?: Dayjs;
}

/** 提请业主表决: a price between the counter-offer and the quote, and the voting window; drafts the matter. */
export function VoteDialog(props: { proposal: PriceProposal; readRules: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const priceRules = usePriceRules();
  const [form] = Form.useForm<VoteFields>();
  const p = props.proposal;
  // The estate's 议事规则 set the shortest notice; the window starts after it.
  const rules = useApi<Rules>(props.readRules ? `${RULES}/${p.estateId}` : null).data;
  useEffect(() => {
    if (!rules || form.getFieldValue('opensAt')) return;
    const opens = dayjs().add(rules.noticeDays, 'day').add(1, 'hour').startOf('hour');
    form.setFieldsValue({ opensAt: opens, closesAt: opens.add(15, 'day') });
  }, [rules, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const next = await api<PriceProposal>(`${FINANCE}/price-proposals/${p.id}/vote`, {
      quiet: true,
      body: {
        version: p.version,
        agreedFen: parseYuan(v.price),
        opensAt: v.opensAt?.toISOString(),
        closesAt: v.closesAt?.toISOString(),
      },
    });
    message.success(t('fp.done', { state: label('priceState', next.state) }));
    props.onDone();
  };
  const low = price(p.counterFen ?? p.quoteFen, 'area_month');
  const high = price(p.quoteFen, 'area_month');
  return (
    <ActionModal title={t('fp.voteTitle')} onOk={submit} onClose={props.onClose} errorId="fp-dialog-error">
      <Typography.Paragraph type="secondary">{t('fp.voteIntro')}</Typography.Paragraph>
      {rules && (
        <Typography.Paragraph data-testid="fp-notice-min">
          {t('fp.noticeMin', { days: rules.noticeDays })}
        </Typography.Paragraph>
      )}
      <Form<VoteFields> form={form} layout="vertical" data-testid="fp-vote-form">
        <Form.Item
          name="price"
          label={t('fp.agreedPrice')}
          rules={priceRules}
          extra={t('fp.agreedHint', { low, high })}
        >
          <YuanInput suffix={t('priceUnit.area_month')} style={{ width: 220 }} data-testid="fp-agreed-price" />
        </Form.Item>
        <VotingWindowFields
          opensLabel={t('fp.opensAt')}
          closesLabel={t('fp.closesAt')}
          required={t('fees.required')}
          testIdPrefix="fp"
        />
      </Form>
    </ActionModal>
  );
}
