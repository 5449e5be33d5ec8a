import { EditOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, message, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Estate } from '../types.ts';

type Values = { name: string; address: string; serviceGrade: number; totalArea: string };

/** '1234.5' m² → 123450 (integer 0.01 m²), without floating-point arithmetic. */
const toCenti = (m2: string) => {
  const [whole, frac = ''] = String(m2).split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
};
const toM2 = (centi: number) => `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;

/**
 * Edits an estate's basic data. The version read is sent back, so if someone else saved in between
 * the server answers 409 and the editor says so instead of overwriting their change.
 */
export function EstateEditor({ estate, onSaved }: { estate: Estate; onSaved(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  async function save(values: Values) {
    setSaving(true);
    try {
      await api(`/api/v1/estates/${estate.id}`, {
        method: 'PATCH',
        body: { version: estate.version, ...values, totalArea: toCenti(values.totalArea) },
      });
      message.success(t('estate.saved'));
      setOpen(false);
      onSaved();
    } catch {
      // api() has shown the server's message (for a stale version: 数据已被他人修改，请刷新后重试).
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="estate-edit">
        {t('estate.edit')}
      </Button>
      <Modal
        open={open}
        title={`${t('estate.edit')} · ${estate.name}`}
        okText={t('estate.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            name: estate.name,
            address: estate.address,
            serviceGrade: estate.serviceGrade,
            totalArea: toM2(estate.totalArea),
          }}
          onFinish={save}
        >
          <Form.Item name="name" label={t('estate.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('estate.address')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="serviceGrade" label={t('estate.grade')} rules={[{ required: true }]}>
            <Select options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('estate.gradeN', { n }) }))} />
          </Form.Item>
          <Form.Item name="totalArea" label={`${t('estate.totalArea')} (㎡)`} rules={[{ required: true }]}>
            <InputNumber stringMode min="0" precision={2} step="0.01" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
