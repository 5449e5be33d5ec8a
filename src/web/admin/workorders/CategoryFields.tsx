import { Form, InputNumber, Select, Space } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useI18n, useLabel } from '../../i18n.tsx';

export const UNITS = ['minutes', 'hours', 'working_days'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/** One clock: an amount and its unit (分钟 / 小时 / 工作日); `bare` drops the visible label (for a table cell). */
export function ClockField({
  name,
  label,
  testId,
  bare,
}: {
  name: NamePath;
  label: string;
  testId?: string;
  bare?: boolean;
}) {
  const unitLabel = useLabel();
  const path = Array.isArray(name) ? name : [name];
  return (
    <Form.Item
      label={bare ? undefined : label}
      required={!bare}
      data-testid={testId}
      style={bare ? { marginBottom: 0 } : undefined}
    >
      <Space.Compact>
        <Form.Item name={[...path, 'amount']} noStyle rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 110 }} aria-label={label} />
        </Form.Item>
        <Form.Item name={[...path, 'unit']} noStyle rules={[{ required: true }]}>
          <Select style={{ width: 110 }} options={UNITS.map((u) => ({ value: u, label: unitLabel('woUnit', u) }))} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** A problem's (level-3 leaf's) duty and SLA fields, shared by the edit and the new-category modals. */
export function LeafFields({
  departmentKinds,
  withKind,
}: {
  departmentKinds: Map<string, string>;
  withKind?: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const handler = Form.useWatch<string | undefined>('handler');
  return (
    <>
      {withKind && (
        <Form.Item name="kind" label={t('cat.kind')} rules={[{ required: true }]}>
          <Select options={['repair', 'complaint', 'enquiry'].map((k) => ({ value: k, label: label('woKind', k) }))} />
        </Form.Item>
      )}
      <Form.Item name="handler" label={t('cat.handler')} rules={[{ required: true }]}>
        <Select
          options={['company', 'street', 'department'].map((h) => ({ value: h, label: label('woHandler', h) }))}
        />
      </Form.Item>
      <Form.Item
        name="departmentKind"
        label={t('cat.departmentKind')}
        rules={[{ required: handler === 'department', message: t('cat.departmentRequired') }]}
      >
        <Select
          allowClear
          placeholder={t('cat.none')}
          options={[...departmentKinds].map(([kind, name]) => ({ value: kind, label: name }))}
        />
      </Form.Item>
      <Form.Item name="priority" label={t('cat.priority')} rules={[{ required: true }]}>
        <Select options={PRIORITIES.map((p) => ({ value: p, label: label('woPriority', p) }))} />
      </Form.Item>
      <ClockField name="response" label={t('cat.response')} />
      <ClockField name="resolution" label={t('cat.resolution')} />
    </>
  );
}
