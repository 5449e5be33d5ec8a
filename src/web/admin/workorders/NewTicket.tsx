import { Alert, App, Col, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Building, Estate, Page, Unit } from '../../types.ts';
import { newIdempotencyKey, TICKETS } from '../../workorders/api.ts';
import { CategoryCascader, categoryRule, PhotoPicker } from '../../workorders/components.tsx';
import { EstateSelect } from '../EstateSelect.tsx';

interface Values {
  estateId: string;
  placeKind: 'unit' | 'building' | 'common';
  unitId?: string;
  buildingId?: string;
  placeText?: string;
  category: string[];
  description: string;
  priority?: string;
  callerName?: string;
  callerPhone?: string;
  anonymous?: boolean;
}

const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const PHONE = /^[0-9+-]{5,20}$/;

/**
 * 登记工单: a company front desk, community or street office enters a ticket for someone who called or came by
 * (代客报事 / 来电登记). One Idempotency-Key per opening of the form, so a double click is one ticket.
 */
export function NewTicket({ onClose, onCreated }: { onClose(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [key] = useState(newIdempotencyKey);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unitQ, setUnitQ] = useState('');
  const estateId = Form.useWatch('estateId', form);
  const placeKind = Form.useWatch('placeKind', form) ?? 'unit';

  // Two are enough to tell whether the caller looks after a single estate.
  const estates = useApi<Page<Estate>>('/api/v1/estates?limit=2');
  const units = useApi<Page<Unit>>(
    estateId && placeKind === 'unit' ? `/api/v1/units?${query({ estateId, q: unitQ.trim(), limit: 50 })}` : null,
  );
  const buildings = useApi<Building[]>(
    estateId && placeKind === 'building' ? `/api/v1/estates/${estateId}/buildings` : null,
  );

  // Someone who looks after a single estate need not pick it.
  useEffect(() => {
    const only = estates.data?.items.length === 1 ? estates.data.items[0] : undefined;
    if (only && !form.getFieldValue('estateId')) form.setFieldValue('estateId', only.id);
  }, [estates.data, form]);

  const submit = async () => {
    // A field left out shows its message in the form; there is nothing more to report.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    setBusy(true);
    try {
      const created = await api<{ id: string; number: string }>(TICKETS, {
        quiet: true,
        headers: { 'idempotency-key': key },
        body: {
          estateId: v.estateId,
          categoryId: v.category[v.category.length - 1],
          description: v.description.trim(),
          placeKind: v.placeKind,
          ...(v.placeKind === 'unit' ? { unitId: v.unitId } : {}),
          ...(v.placeKind === 'building' ? { buildingId: v.buildingId } : {}),
          ...(v.placeKind !== 'unit' && v.placeText?.trim() ? { placeText: v.placeText.trim() } : {}),
          ...(photoIds.length ? { photoIds } : {}),
          ...(v.priority ? { priority: v.priority } : {}),
          ...(v.callerName?.trim() ? { callerName: v.callerName.trim() } : {}),
          ...(v.callerPhone?.trim() ? { callerPhone: v.callerPhone.trim() } : {}),
          anonymous: !!v.anonymous,
        },
      });
      message.success(t('wo.registered', { number: created.number }));
      onCreated(created.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('wo.required') };
  const callerRule = ({ getFieldValue }: { getFieldValue(n: string): unknown }) => ({
    validator: () =>
      String(getFieldValue('callerName') ?? '').trim() || String(getFieldValue('callerPhone') ?? '').trim()
        ? Promise.resolve()
        : Promise.reject(new Error(t('wo.callerRequired'))),
  });

  return (
    <Modal
      open
      width={760}
      title={t('wo.registerTitle')}
      okText={t('wo.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ placeKind: 'unit', anonymous: false }}
        onValuesChange={(changed) => {
          if ('estateId' in changed) form.setFieldsValue({ unitId: undefined, buildingId: undefined });
          setError(null);
        }}
        data-testid="new-ticket-form"
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="estateId" label={t('wo.estate')} rules={[required]}>
              <EstateSelect<string> testId="estate-select" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="placeKind" label={t('wo.place')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'unit', label: t('wo.placeKindUnit') },
                  { value: 'building', label: t('wo.placeKindBuilding') },
                  { value: 'common', label: t('wo.placeCommon') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {placeKind === 'unit' && (
          <Form.Item name="unitId" label={t('wo.unit')} rules={[required]}>
            <Select
              disabled={!estateId}
              loading={units.loading}
              placeholder={t('wo.unitSearch')}
              showSearch={{ filterOption: false, onSearch: setUnitQ }}
              options={(units.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.buildingName} ${u.number}`,
              }))}
              data-testid="unit-select"
            />
          </Form.Item>
        )}
        {placeKind !== 'unit' && (
          <Row gutter={16}>
            {placeKind === 'building' && (
              <Col span={12}>
                <Form.Item name="buildingId" label={t('wo.building')} rules={[required]}>
                  <Select
                    disabled={!estateId}
                    loading={buildings.loading}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={placeKind === 'building' ? 12 : 24}>
              <Form.Item name="placeText" label={t('wo.placeText')}>
                <Input placeholder={t('wo.placeTextHint')} maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="category" label={t('wo.category')} rules={[categoryRule(t('wo.categoryRequired'))]}>
              <CategoryCascader search />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priority" label={t('wo.priority')}>
              <Select
                allowClear
                placeholder={t('wo.priorityDefault')}
                options={PRIORITIES.map((p) => ({ value: p, label: label('woPriority', p) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('wo.description')}
          rules={[{ required: true, whitespace: true, message: t('wo.descriptionRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="callerName" label={t('wo.callerName')} dependencies={['callerPhone']} rules={[callerRule]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="callerPhone"
              label={t('wo.callerPhone')}
              rules={[{ pattern: PHONE, message: t('wo.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="anonymous"
              label={t('wo.anonymous')}
              tooltip={t('wo.anonymousStaffHint')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('wo.photos')} style={{ marginBottom: 0 }}>
          <PhotoPicker onChange={setPhotoIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
