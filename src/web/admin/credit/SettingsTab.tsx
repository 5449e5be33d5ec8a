import { App, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { api } from '../../api.ts';
import { bpAsPercent, CREDIT, type CreditSettings, parsePercent } from '../../credit/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

const RATES = ['onTimeBelow', 'satisfactionBelow', 'excellentFrom'] as const;

/**
 * 评价设置 for the city: the objection window, the red and black list rules, the work-order thresholds (shown as
 * percentages, kept in basis points) and whether star ratings are used. The scheme's items and grades go back as
 * they are.
 */
export function SettingsTab() {
  const settings = useApi<CreditSettings>(`${CREDIT}/settings`);
  if (!settings.data) return <Skeleton active />;
  // A new form per saved version: what the server answers is what shows.
  return <SettingsForm key={settings.data.version} settings={settings.data} onSaved={settings.reload} />;
}

function SettingsForm({ settings, onSaved }: { settings: CreditSettings; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const w = settings.workorderRules;
  const initial = {
    objectionDays: settings.objectionDays,
    ...settings.listRules,
    minTickets: w.minTickets,
    onTimeBelow: bpAsPercent(w.onTimeBelow),
    satisfactionBelow: bpAsPercent(w.satisfactionBelow),
    excellentFrom: bpAsPercent(w.excellentFrom),
    starRatings: settings.starRatings,
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api(`${CREDIT}/settings`, {
        method: 'PUT',
        body: {
          scheme: settings.scheme,
          listRules: { size: v.size, consecutive: v.consecutive, barMonths: v.barMonths },
          objectionDays: v.objectionDays,
          workorderRules: {
            minTickets: v.minTickets,
            ...Object.fromEntries(RATES.map((k) => [k, parsePercent(v[k]) as number])),
          },
          starRatings: v.starRatings,
          version: settings.version,
        },
      });
      message.success(t('credit.settingsSaved'));
      onSaved();
    } catch {
      // shown by api(): someone else saved first, say
    }
  };
  const int = (min: number, max: number) => <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />;
  const required = { required: true, message: t('credit.required') };
  const percent = {
    validator: (_: unknown, text: string) =>
      parsePercent(text ?? '') === null ? Promise.reject(new Error(t('credit.percentInvalid'))) : Promise.resolve(),
  };
  return (
    <Form form={form} layout="vertical" initialValues={initial} data-testid="credit-settings" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('credit.settingsIntro')}</Typography.Paragraph>
      <Form.Item name="objectionDays" label={t('credit.objectionDays')} rules={[required]}>
        {int(1, 90)}
      </Form.Item>
      <Card size="small" title={t('credit.listRules')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="size" label={t('credit.listSize')} rules={[required]}>
              {int(1, 100)}
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="consecutive" label={t('credit.listConsecutive')} rules={[required]}>
              {int(1, 12)}
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="barMonths" label={t('credit.barMonths')} rules={[required]}>
              {int(1, 60)}
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('credit.workorderRules')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="minTickets" label={t('credit.minTickets')} rules={[required]}>
              {int(1, 100_000)}
            </Form.Item>
          </Col>
          {RATES.map((k) => (
            <Col span={12} key={k}>
              <Form.Item name={k} label={t(`credit.${k}`)} rules={[required, percent]}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      <Form.Item name="starRatings" label={t('credit.starRatings')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button type="primary" onClick={() => save().catch(() => {})}>
        {t('credit.saveSettings')}
      </Button>
    </Form>
  );
}
