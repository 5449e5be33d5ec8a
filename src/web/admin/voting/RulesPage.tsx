import { Alert, App, Button, Card, Empty, Form, InputNumber, Radio, Skeleton, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { RULES, type Rules } from '../../voting/types.ts';
import { EstatePicker, useEstateChoice } from '../EstatePicker.tsx';

type Values = Omit<Rules, 'estateId' | 'version'>;
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

  const save = async (v: Values) => {
    if (!data) return;
    setBusy(true);
    setError(null);
    try {
      await api<Rules>(`${RULES}/${estateId}`, { method: 'PUT', quiet: true, body: { ...v, version: data.version } });
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
  const { estateId: _e, version, ...values } = data;
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
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('rules.save')}
      </Button>
    </Form>
  );
}
