import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { Committee, HandoverItem } from '../../types.ts';

/**
 * 工作移交: the outgoing committee lists what it hands over (seals, records, accounts, keys); someone else — the
 * new committee, the street office or community — confirms receipt, and only then has the old committee ended.
 */
export function HandoverCard({ c, canRun, onChanged }: { c: Committee; canRun: boolean; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const h = c.handover;

  const post = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      await api(path, { method: 'POST', body });
      message.success(t('vote.done'));
      onChanged();
    } catch {
      // api() has shown why (already submitted, the same account confirming…).
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card type="inner" size="small" title={t('committee.handover')} style={{ marginTop: 16 }} data-testid="handover">
      {!h && (
        <>
          <Typography.Paragraph type="secondary">{t('committee.handoverDue')}</Typography.Paragraph>
          {canRun && (
            <Form<{ items: HandoverItem[] }>
              initialValues={{ items: [{ name: '', quantity: 1 }] }}
              onFinish={(v) => post(`/api/v1/committees/${c.id}/handover`, { items: v.items.map(trimmed) })}
              data-testid="handover-form"
            >
              <HandoverItems />
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('committee.submitHandover')}
              </Button>
            </Form>
          )}
        </>
      )}
      {h && (
        <>
          <Table<HandoverItem & { key: number }>
            size="small"
            pagination={false}
            dataSource={h.items.map((item, key) => ({ ...item, key }))}
            data-testid="handover-items"
            columns={[
              { title: t('committee.itemName'), dataIndex: 'name' },
              { title: t('committee.quantity'), dataIndex: 'quantity', align: 'right', width: 100 },
              { title: t('committee.note'), dataIndex: 'note' },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <span>{t('committee.handedAt', { t: formatTime(h.handedAt, lang) })}</span>
            {h.receivedAt ? (
              <Tag color="green" data-testid="handover-received">
                {t('committee.receivedAt', { t: formatTime(h.receivedAt, lang) })}
              </Tag>
            ) : (
              <Tag color="orange">{t('committee.awaitingReceipt')}</Tag>
            )}
          </Space>
          {!h.receivedAt && canRun && (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary">{t('committee.confirmHint')}</Typography.Paragraph>
              <Button type="primary" loading={busy} onClick={() => post(`/api/v1/committee-handovers/${h.id}/confirm`)}>
                {t('committee.confirmReceipt')}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

const trimmed = (i: HandoverItem): HandoverItem => ({
  name: i.name.trim(),
  quantity: i.quantity,
  ...(i.note?.trim() ? { note: i.note.trim() } : {}),
});

function HandoverItems() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('vote.required') }];
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="handover-row">
              <Form.Item name={[f.name, 'name']} rules={required}>
                <Input placeholder={t('committee.itemName')} style={{ width: 220 }} maxLength={100} />
              </Form.Item>
              <Form.Item name={[f.name, 'quantity']} rules={required}>
                <InputNumber min={1} max={100_000} precision={0} aria-label={t('committee.quantity')} />
              </Form.Item>
              <Form.Item name={[f.name, 'note']}>
                <Input placeholder={t('committee.note')} style={{ width: 220 }} maxLength={500} />
              </Form.Item>
              {fields.length > 1 && <MinusCircleOutlined style={{ marginTop: 9 }} onClick={() => remove(f.name)} />}
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', quantity: 1 })}>
              {t('committee.addItem')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
