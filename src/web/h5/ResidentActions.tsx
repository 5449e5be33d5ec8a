import { App, Button, Card, Flex, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { transition } from '../workorders/api.ts';
import type { TicketDetail } from '../workorders/types.ts';

/** What the resident may do now: confirm or send back a resolution, rate a verified one, resume a paused one. */
export function ResidentActions({ ticket, onDone }: { ticket: TicketDetail; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const may = (a: string) => ticket.allowedActions.includes(a);
  const run = async (body: Parameters<typeof transition>[1]) => {
    setBusy(true);
    try {
      await transition(ticket.id, body);
      message.success(t('wo.done'));
      setSendingBack(false);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  const card = { style: { borderRadius: 12, marginBottom: 12 }, styles: { body: { padding: 16 } } };

  if (may('feedback'))
    return (
      <Card title={t('wo.rateTitle')} {...card} data-testid="feedback-form">
        <Form
          layout="vertical"
          initialValues={{ solved: true, satisfaction: 'satisfied' }}
          onFinish={(v: { solved: boolean; satisfaction: string; comment?: string }) =>
            run({
              action: 'feedback',
              feedback: {
                solved: v.solved,
                satisfaction: v.satisfaction,
                ...(v.comment ? { comment: v.comment } : {}),
              },
            })
          }
        >
          <Form.Item name="solved" label={t('wo.solved')}>
            <Radio.Group
              options={[
                { value: true, label: t('wo.yes') },
                { value: false, label: t('wo.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('wo.satisfaction')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={['satisfied', 'basically_satisfied', 'dissatisfied'].map((s) => ({
                value: s,
                label: t(`woSat.${s}` as 'woSat.satisfied'),
              }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('wo.comment')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('wo.rate')}
          </Button>
        </Form>
      </Card>
    );

  if (may('confirm') || may('send_back'))
    return (
      <Card title={t('wo.confirmTitle')} {...card}>
        {sendingBack ? (
          <Form layout="vertical" onFinish={(v: { reason: string }) => run({ action: 'send_back', reason: v.reason })}>
            <Form.Item name="reason" label={t('wo.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Space>
              <Button onClick={() => setSendingBack(false)}>{t('common.cancel')}</Button>
              <Button danger type="primary" htmlType="submit" loading={busy}>
                {t('woAction.send_back')}
              </Button>
            </Space>
          </Form>
        ) : (
          <Flex vertical gap={8}>
            {may('confirm') && (
              <Button type="primary" block size="large" loading={busy} onClick={() => run({ action: 'confirm' })}>
                {t('woAction.confirm')}
              </Button>
            )}
            {may('send_back') && (
              <Button danger block size="large" onClick={() => setSendingBack(true)}>
                {t('woAction.send_back')}
              </Button>
            )}
          </Flex>
        )}
      </Card>
    );

  if (may('resume'))
    return (
      <Card {...card}>
        <Button type="primary" block loading={busy} onClick={() => run({ action: 'resume' })}>
          {t('woAction.resume')}
        </Button>
      </Card>
    );
  return null;
}
