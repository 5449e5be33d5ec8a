import { Alert, App, Button, Card, Form, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Clock } from '../../workorders/types.ts';
import { ClockField, PRIORITIES } from './CategoryFields.tsx';
import { WorkCalendar } from './WorkCalendar.tsx';

type Priority = (typeof PRIORITIES)[number];
interface Clocks {
  response: Clock;
  resolution: Clock;
}
interface WoSettings {
  reopenDays: number;
  report: Clock;
  department: Clock;
  reminderPercent: number;
  prioritySlas: Partial<Record<Priority, Clocks>>;
  version: number;
}
/** The form keeps every priority's clocks, with `own` off meaning "none of its own" (sent as null). */
interface Values {
  reopenDays: number;
  reminderPercent: number;
  report: Clock;
  department: Clock;
  prioritySlas: Record<Priority, Clocks & { own: boolean }>;
}

const SETTINGS = '/api/v1/workorders/settings';
// What a priority switched on without deadlines of its own starts from.
const BLANK: Clocks = { response: { amount: 1, unit: 'hours' }, resolution: { amount: 1, unit: 'working_days' } };

/** 工单设置: the handling rules the city sets (reopen window, reminder), the deadlines, and the working calendar. */
export function Settings() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Rules />
      <WorkCalendar />
    </Space>
  );
}

function initial(s: WoSettings): Values {
  const prioritySlas = Object.fromEntries(
    PRIORITIES.map((p) => {
      const own = s.prioritySlas[p];
      return [p, { own: !!own, ...(own ?? BLANK) }];
    }),
  ) as Values['prioritySlas'];
  return {
    reopenDays: s.reopenDays,
    reminderPercent: s.reminderPercent,
    report: s.report,
    department: s.department,
    prioritySlas,
  };
}

function Rules() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { data, reload } = useApi<WoSettings>(SETTINGS);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slas = Form.useWatch('prioritySlas', form);

  const save = async (v: Values) => {
    if (!data) return;
    setBusy(true);
    setError(null);
    const prioritySlas = Object.fromEntries(
      PRIORITIES.map((p) => {
        const s = v.prioritySlas[p];
        return [p, s.own ? { response: s.response, resolution: s.resolution } : null];
      }),
    );
    try {
      await api<WoSettings>(SETTINGS, {
        method: 'PATCH',
        quiet: true,
        body: {
          version: data.version,
          reopenDays: v.reopenDays,
          reminderPercent: v.reminderPercent,
          report: v.report,
          department: v.department,
          prioritySlas,
        },
      });
      message.success(t('cat.saved'));
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('menu.woSettings')} loading={!data} data-testid="wo-settings">
      {data && (
        <Form<Values> key={data.version} form={form} initialValues={initial(data)} onFinish={save}>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="settings-error" />
          )}
          <Typography.Title level={5}>{t('woSet.rules')}</Typography.Title>
          <Space wrap size={[24, 0]}>
            <Form.Item
              name="reopenDays"
              label={t('woSet.reopenDays')}
              tooltip={t('woSet.reopenDaysHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={365} precision={0} suffix={t('woSet.days')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="reminderPercent"
              label={t('woSet.reminderPercent')}
              tooltip={t('woSet.reminderPercentHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 110 }} />
            </Form.Item>
          </Space>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('woSet.deadlines')}
          </Typography.Title>
          <Space wrap size={[24, 0]}>
            <ClockField name="report" label={t('woSet.report')} testId="clock-report" />
            <ClockField name="department" label={t('woSet.department')} testId="clock-department" />
          </Space>
          <Table<{ priority: Priority }>
            size="small"
            rowKey="priority"
            pagination={false}
            bordered
            data-testid="priority-slas"
            title={() => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{t('woSet.priorityRules')}</Typography.Text>
                <Typography.Text type="secondary">{t('woSet.priorityHint')}</Typography.Text>
              </Space>
            )}
            dataSource={PRIORITIES.map((p) => ({ priority: p }))}
            columns={[
              {
                title: t('wo.priority'),
                dataIndex: 'priority',
                width: 90,
                render: (p: string) => label('woPriority', p),
              },
              {
                title: t('woSet.ownSla'),
                width: 110,
                render: (_, { priority: p }) => (
                  <Form.Item name={['prioritySlas', p, 'own']} valuePropName="checked" noStyle>
                    <Switch aria-label={`${label('woPriority', p)} ${t('woSet.ownSla')}`} />
                  </Form.Item>
                ),
              },
              ...(['response', 'resolution'] as const).map((c) => ({
                title: t(c === 'response' ? 'woSet.response' : 'woSet.resolution'),
                render: (_: unknown, { priority: p }: { priority: Priority }) =>
                  slas?.[p]?.own ? (
                    <ClockField
                      bare
                      name={['prioritySlas', p, c]}
                      label={`${label('woPriority', p)} ${t(`woSet.${c}`)}`}
                      testId={`sla-${p}-${c}`}
                    />
                  ) : (
                    <Typography.Text type="secondary">{t('woSet.byCategory')}</Typography.Text>
                  ),
              })),
            ]}
          />
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>
            {t('woSet.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
