import { Cascader, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';
import { categoryTree, TICKETS, transition } from '../../workorders/api.ts';
import type { Category, Handler, TicketDetail, TransitionBody } from '../../workorders/types.ts';

/** Actions that need nothing but a click. */
export const DIRECT_ACTIONS = new Set(['accept', 'start', 'resume', 'confirm', 'report']);
const REASON = new Set([
  'reject',
  'out_of_scope',
  'request_escalation',
  'refuse_escalation',
  'decline',
  'send_back',
  'reopen',
]);
const NOTE = new Set(['wait', 'resolve', 'reply', 'comment']);

interface Values {
  reason?: string;
  note?: string;
  internal?: boolean;
  assigneeAccountId?: string;
  departmentId?: string;
  duplicateOf?: string;
  category?: string[];
  solved?: boolean;
  satisfaction?: string;
  comment?: string;
}

/** The form for one action's required fields (machine.ts ACTIONS.requires), then the transition. */
export function ActionModal({
  ticket,
  action,
  onClose,
  onDone,
}: {
  ticket: TicketDetail;
  action: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const handlers = useApi<Handler[]>(action === 'dispatch' ? `${TICKETS}/${ticket.id}/handlers` : null);
  const departments = useApi<Department[]>(action === 'whistle' ? '/api/v1/departments' : null);
  const cats = useApi<Category[]>(action === 'reclassify' ? '/api/v1/workorders/categories' : null);
  const catOptions = useMemo(() => categoryTree(cats.data ?? [], lang), [cats.data, lang]);
  const required = [{ required: true, whitespace: true, message: t('wo.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    const body: TransitionBody = { action };
    if (v.reason) body.reason = v.reason.trim();
    if (v.note) body.note = v.note.trim();
    if (v.internal) Object.assign(body, { internal: true });
    if (v.assigneeAccountId) body.assigneeAccountId = v.assigneeAccountId;
    if (v.departmentId) body.departmentId = v.departmentId;
    // Numbers are printed in capitals (WO20260101-3F2A1C); what was read out over the phone may not be.
    if (v.duplicateOf) body.duplicateOf = v.duplicateOf.trim().toUpperCase();
    if (v.category) body.categoryId = v.category[v.category.length - 1];
    if (action === 'feedback')
      body.feedback = {
        solved: !!v.solved,
        satisfaction: v.satisfaction ?? 'satisfied',
        comment: v.comment || undefined,
      };
    setBusy(true);
    try {
      await transition(ticket.id, body);
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`woAction.${action}` as 'woAction.accept')}
      okText={t(`woAction.${action}` as 'woAction.accept')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ solved: true, satisfaction: 'satisfied' }}>
        {REASON.has(action) && (
          <Form.Item name="reason" label={t('wo.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {NOTE.has(action) && (
          <Form.Item name="note" label={t('wo.note')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'comment' && (
          <Form.Item name="internal" valuePropName="checked">
            <Checkbox>{t('wo.internal')}</Checkbox>
          </Form.Item>
        )}
        {action === 'dispatch' && (
          <Form.Item name="assigneeAccountId" label={t('wo.handlerPerson')} rules={[{ required: true }]}>
            <Select
              loading={handlers.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(handlers.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
              data-testid="handler-select"
            />
          </Form.Item>
        )}
        {action === 'whistle' && (
          <Form.Item name="departmentId" label={t('wo.department')} extra={t('wo.departmentDefault')}>
            <Select
              allowClear
              loading={departments.loading}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item name="duplicateOf" label={t('wo.duplicateOf')} extra={t('wo.duplicateOfHint')} rules={required}>
            <Input placeholder="WO20260101-3F2A1C" maxLength={60} />
          </Form.Item>
        )}
        {action === 'reclassify' && (
          <Form.Item name="category" label={t('wo.category')} rules={[{ required: true, type: 'array', len: 3 }]}>
            <Cascader options={catOptions} />
          </Form.Item>
        )}
        {action === 'feedback' && (
          <>
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
                options={['satisfied', 'basically_satisfied', 'dissatisfied'].map((s) => ({
                  value: s,
                  label: t(`woSat.${s}` as 'woSat.satisfied'),
                }))}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('wo.comment')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
