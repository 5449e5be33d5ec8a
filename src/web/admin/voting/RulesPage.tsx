import { Alert, App, Button, Card, Empty, Form, InputNumber, Radio, Skeleton, Switch, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { MAX_REVENUE_FEN } from '../../finance/public-revenue.ts';
import { formatFen, parseYuan, yuanText } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { RULES, type Rules } from '../../voting/types.ts';
import { EstatePicker, useEstateChoice } from '../EstatePicker.tsx';

/** The form's values: the committee's spending limit typed in yuan (fen on the wire). */
type Values = Omit<Rules, 'estateId' | 'version' | 'committeeSpendLimitFen'> & { committeeSpendLimit: string };
const PAPER_ONLINE = ['earlier', 'paper', 'online'] as const;

/** 议事规则: the parts of an estate's assembly rules the platform enforces, recorded by the organisers. */
export function RulesPage() {
  const { t } = useI18n();
  const choice = useEstateChoice();
  return (
    <Card title={t('menu.votingRules')} extra={<EstatePicker choice={choice} />}>
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      {choice.estateId ? (
        <RulesForm key={choice.estateId} estateId={choice.estateId} />
      ) : (
        <Empty description={t('estate.pick')} />
      )}
    </Card>
  );
}

function RulesForm({ estateId }: { estateId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, reload } = useApi<Rules>(`${RULES}/${estateId}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const limitRules: Rule[] = [
    {
      validator: async (_, v: string | undefined) => {
        if (!v?.trim()) throw new Error(t('money.required'));
        const fen = parseYuan(v);
        if (fen === null) throw new Error(t('money.invalid'));
        if (fen > MAX_REVENUE_FEN)
          throw new Error(t('rules.spendLimitRange', { max: yuanText(MAX_REVENUE_FEN, true) }));
      },
    },
  ];

  const save = async ({ committeeSpendLimit, ...v }: Values) => {
    if (!data) return;
    setBusy(true);
    setError(null);
    try {
      const body = { ...v, committeeSpendLimitFen: parseYuan(committeeSpendLimit), version: data.version };
      await api<Rules>(`${RULES}/${estateId}`, { method: 'PUT', quiet: true, body });
      message.success(t('rules.saved'));
      reload();
    } catch (e) {
      const stale = e instanceof ApiError && e.status === 409;
      setError(e instanceof ApiError ? `${e.detail}${stale ? ` ${t('rules.reloaded')}` : ''}` : String(e));
      // Someone saved in between: show their version rather than overwrite it.
      if (stale) reload();
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <Skeleton active />;
  const { estateId: _e, version, committeeSpendLimitFen, ...rest } = data;
  const values: Values = { ...rest, committeeSpendLimit: yuanText(committeeSpendLimitFen) };
  const days = { suffix: t('rules.days'), precision: 0, style: { width: 140 } };
  return (
    <Form<Values>
      key={version}
      layout="vertical"
      initialValues={values}
      onFinish={save}
      style={{ maxWidth: 720 }}
      data-testid="rules-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rules-error" />}
      <div style={{ marginBottom: 16 }}>
        {version === 0 ? (
          <Tag color="orange">{t('rules.defaults')}</Tag>
        ) : (
          <Tag color="green">{t('rules.version', { n: version })}</Tag>
        )}
      </div>
      <Form.Item
        name="noticeDays"
        label={t('rules.noticeDays')}
        extra={t('rules.noticeDaysHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={90} {...days} />
      </Form.Item>
      <Form.Item
        name="publicityDays"
        label={t('rules.publicityDays')}
        extra={t('rules.publicityDaysHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={90} {...days} />
      </Form.Item>
      <Form.Item name="revote" label={t('rules.revote')} extra={t('rules.revoteHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="paperOnline" label={t('rules.paperOnline')} extra={t('rules.paperOnlineHint')}>
        <Radio.Group options={PAPER_ONLINE.map((p) => ({ value: p, label: t(`vPaperOnline.${p}`) }))} />
      </Form.Item>
      <Form.Item
        name="proxyLimit"
        label={t('rules.proxyLimit')}
        extra={t('rules.proxyLimitHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={20} precision={0} suffix={t('rules.persons')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item
        name="followMajority"
        label={t('rules.followMajority')}
        extra={t('rules.followMajorityHint')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="committeeSpendLimit"
        label={t('rules.spendLimit')}
        rules={limitRules}
        required
        extra={
          <>
            {t('rules.spendLimitHint')}
            <SpendLimitNow />
          </>
        }
      >
        <YuanInput />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('rules.save')}
      </Button>
    </Form>
  );
}

/** What the limit being typed means, in words: "每笔支出均须业主表决" or "¥10,000.00 以内…". */
function SpendLimitNow() {
  const { t } = useI18n();
  const limit = parseYuan(Form.useWatch<string | undefined>('committeeSpendLimit') ?? '');
  if (limit === null || limit > MAX_REVENUE_FEN) return null;
  return (
    <div data-testid="spend-limit-now">
      {limit === 0 ? t('rules.spendLimitNone') : t('rules.spendLimitUpTo', { amount: formatFen(limit) })}
    </div>
  );
}
