import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { categoryName } from '../../workorders/api.ts';
import type { Category, Clock } from '../../workorders/types.ts';
import { LeafFields } from './CategoryFields.tsx';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  kind?: string;
  handler?: string;
  departmentKind?: string | null;
  priority?: string;
  response?: Clock;
  resolution?: Clock;
}

/** Adds a category under `parent` (or a level-1 place when null); a level-3 leaf also takes its duty and SLA. */
export function NewCategory({
  parent,
  departmentKinds,
  onClose,
  onSaved,
}: {
  parent: Category | null;
  departmentKinds: Map<string, string>;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leaf = (parent?.level ?? 0) + 1 === 3;

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const base = { parentId: parent?.id ?? null, code: v.code, name: v.name.trim(), nameEn: v.nameEn?.trim() || null };
    const body = leaf
      ? {
          ...base,
          kind: v.kind,
          handler: v.handler,
          departmentKind: v.departmentKind ?? null,
          priority: v.priority,
          response: v.response,
          resolution: v.resolution,
        }
      : base;
    try {
      await api<{ id: string }>('/api/v1/workorders/categories', { method: 'POST', quiet: true, body });
      message.success(t('cat.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={parent ? t('cat.newChildTitle', { name: categoryName(parent, lang) }) : t('cat.newRoot')}
      okText={t('estate.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
      data-testid="new-category"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="category-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          code: parent ? `${parent.code}.` : '',
          ...(leaf && {
            kind: 'repair',
            handler: 'company',
            departmentKind: null,
            priority: 'normal',
            response: { amount: 1, unit: 'working_days' },
            resolution: { amount: 5, unit: 'working_days' },
          }),
        }}
      >
        <Form.Item
          name="code"
          label={t('cat.code')}
          tooltip={t('cat.codeHint')}
          rules={[{ required: true }, { pattern: /^[A-Z0-9_.]{1,60}$/, message: t('cat.codeHint') }]}
          normalize={(s: string) => s.toUpperCase()}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="name" label={t('cat.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('cat.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        {leaf && <LeafFields departmentKinds={departmentKinds} withKind />}
      </Form>
    </Modal>
  );
}
