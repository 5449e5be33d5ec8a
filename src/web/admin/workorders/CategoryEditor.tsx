import { Alert, App, Form, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { categoryName } from '../../workorders/api.ts';
import type { Category, Clock } from '../../workorders/types.ts';

interface Values {
  handler: string;
  departmentKind: string | null;
  priority: string;
  response: Clock;
  resolution: Clock;
  active: boolean;
}

const UNITS = ['minutes', 'hours', 'working_days'] as const;

/** Edits one problem's duty and SLA; the version makes a concurrent edit a 409 shown here, not an overwrite. */
export function CategoryEditor({
  category: c,
  departmentKinds,
  onClose,
  onSaved,
}: {
  category: Category;
  departmentKinds: Map<string, string>;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setConflict(null);
    try {
      await api(`/api/v1/workorders/categories/${c.id}`, {
        method: 'PATCH',
        quiet: true,
        body: { version: c.version, ...v, departmentKind: v.departmentKind ?? null },
      });
      message.success(t('cat.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setConflict(e.detail);
    } finally {
      setBusy(false);
    }
  };

  const clockField = (name: 'response' | 'resolution') => (
    <Form.Item label={t(name === 'response' ? 'cat.response' : 'cat.resolution')} required>
      <Space.Compact>
        <Form.Item name={[name, 'amount']} noStyle rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name={[name, 'unit']} noStyle>
          <Select style={{ width: 120 }} options={UNITS.map((u) => ({ value: u, label: label('woUnit', u) }))} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );

  return (
    <Modal
      open
      title={t('cat.editTitle', { name: categoryName(c, lang) })}
      okText={t('estate.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
    >
      {conflict && <Alert type="error" showIcon title={conflict} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          handler: c.handler ?? 'company',
          departmentKind: c.departmentKind,
          priority: c.priority ?? 'normal',
          response: c.response ?? { amount: 1, unit: 'working_days' },
          resolution: c.resolution ?? { amount: 5, unit: 'working_days' },
          active: c.active,
        }}
      >
        <Form.Item name="handler" label={t('cat.handler')}>
          <Select
            options={['company', 'street', 'department'].map((h) => ({ value: h, label: label('woHandler', h) }))}
          />
        </Form.Item>
        <Form.Item name="departmentKind" label={t('cat.departmentKind')}>
          <Select
            allowClear
            placeholder={t('cat.none')}
            options={[...departmentKinds].map(([kind, name]) => ({ value: kind, label: name }))}
          />
        </Form.Item>
        <Form.Item name="priority" label={t('cat.priority')}>
          <Select
            options={['urgent', 'high', 'normal', 'low'].map((p) => ({ value: p, label: label('woPriority', p) }))}
          />
        </Form.Item>
        {clockField('response')}
        {clockField('resolution')}
        <Form.Item name="active" label={t('cat.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
