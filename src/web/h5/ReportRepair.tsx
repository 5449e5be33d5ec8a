import { App, Button, Card, Form, Input, Radio, Select, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.tsx';
import type { Unit } from '../types.ts';
import { newIdempotencyKey, TICKETS } from '../workorders/api.ts';
import { CategoryCascader, categoryRule, PhotoPicker } from '../workorders/components.tsx';

interface Values {
  unitId: string;
  placeKind: 'unit' | 'building' | 'common';
  placeText?: string;
  category: string[];
  description: string;
  anonymous?: boolean;
}

/** 报事报修: where, what (place › category › problem), a description, photos, optionally anonymous. */
export function ReportRepair() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useApi<Unit[]>('/api/v1/me/units');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const placeKind = Form.useWatch('placeKind', form);

  if (units.loading && !units.data) return <Skeleton active />;
  const myUnits = units.data ?? [];

  const submit = async (v: Values) => {
    const unit = myUnits.find((u) => u.id === v.unitId);
    if (!unit) return;
    setBusy(true);
    try {
      const created = await api<{ id: string; number: string }>(TICKETS, {
        headers: { 'idempotency-key': key },
        body: {
          estateId: unit.estateId,
          categoryId: v.category[v.category.length - 1],
          description: v.description.trim(),
          placeKind: v.placeKind,
          ...(v.placeKind === 'unit' ? { unitId: unit.id } : {}),
          ...(v.placeKind === 'building' ? { buildingId: unit.buildingId } : {}),
          ...(v.placeText?.trim() ? { placeText: v.placeText.trim() } : {}),
          ...(photoIds.length ? { photoIds } : {}),
          anonymous: !!v.anonymous,
        },
      });
      message.success(t('wo.submitted', { number: created.number }));
      navigate(`/h5/tickets/${created.id}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ borderRadius: 12 }} styles={{ body: { padding: 16 } }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId: myUnits[0]?.id, placeKind: 'unit', anonymous: false }}
        data-testid="report-form"
      >
        <Form.Item name="unitId" label={t('wo.unit')} rules={[{ required: true }]}>
          <Select
            options={myUnits.map((u) => ({ value: u.id, label: `${u.estateName} ${u.buildingName} ${u.number}` }))}
          />
        </Form.Item>
        <Form.Item name="placeKind" label={t('wo.place')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'unit', label: t('wo.placeUnit') },
              { value: 'building', label: t('wo.placeBuilding') },
              { value: 'common', label: t('wo.placeCommon') },
            ]}
          />
        </Form.Item>
        {placeKind !== 'unit' && (
          <Form.Item name="placeText" label={t('wo.placeText')}>
            <Input placeholder={t('wo.placeTextHint')} maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('wo.category')} rules={[categoryRule(t('wo.categoryRequired'))]}>
          <CategoryCascader />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('wo.description')}
          rules={[{ required: true, whitespace: true, message: t('wo.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('wo.descriptionHint')} />
        </Form.Item>
        <Form.Item label={t('wo.photos')}>
          <PhotoPicker onChange={setPhotoIds} />
        </Form.Item>
        <Form.Item name="anonymous" label={t('wo.anonymous')} extra={t('wo.anonymousHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('wo.submit')}
        </Button>
      </Form>
    </Card>
  );
}
