import { Alert, App, Form, Modal, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { categoryName } from '../../workorders/api.ts';
import type { Category, Clock } from '../../workorders/types.ts';
import { LeafFields } from './CategoryFields.tsx';

interface Values {
  handler: string;
  departmentKind: string | null;
  priority: string;
  response: Clock;
  resolution: Clock;
  active: boolean;
}

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
        <LeafFields departmentKinds={departmentKinds} />
        <Form.Item name="active" label={t('cat.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
