import { Alert, App, Checkbox, Form, Input, Modal, Radio, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { usePriceText, useYuanRules, YuanInput } from '../../finance/components.tsx';
import { BASES, type Basis, type FeeCap, type FeeItem, FINANCE, USES, type Use } from '../../finance/types.ts';
import { parseYuan, yuanText } from '../../format.ts';
import { useI18n, useLabel } from '../../i18n.tsx';

interface Values {
  name: string;
  serviceFee: boolean;
  basis: Basis;
  /** yuan, as typed */
  price: string;
  uses: Use[];
  exemption?: string;
}

/**
 * Creates or edits a fee item. A 物业服务费 is charged by area and month and held to the city's cap for the estate's
 * grade: above it, the approval must be recorded. The server decides; the field appears here as soon as the typed
 * price is above the cap, and its refusal (which names the cap) is shown in the dialog.
 */
export function FeeItemDialog({
  estateId,
  item,
  cap,
  grade,
  onClose,
  onSaved,
}: {
  estateId: string;
  item: FeeItem | null;
  cap: FeeCap | null;
  grade: number;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const yuanRules = useYuanRules();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const serviceFee = Form.useWatch('serviceFee', form) ?? item?.serviceFee ?? false;
  const basis: Basis = Form.useWatch('basis', form) ?? item?.basis ?? 'area_month';
  const typed = parseYuan(Form.useWatch('price', form) ?? '');
  const aboveCap = serviceFee && !!cap && typed !== null && typed > cap.capFen;
  // An approval on record stays visible (and editable) even once the price is back under the cap.
  const showExemption = serviceFee && (aboveCap || !!item?.exemption);

  const save = async () => {
    const v = await form.validateFields();
    const priceFen = parseYuan(v.price) as number;
    const exemption = serviceFee ? v.exemption?.trim() || null : undefined;
    setBusy(true);
    setError(null);
    try {
      if (item)
        await api(`${FINANCE}/fee-items/${item.id}`, {
          method: 'PATCH',
          quiet: true,
          body: { version: item.version, name: v.name, priceFen, uses: v.uses, exemption },
        });
      else
        await api(`${FINANCE}/estates/${estateId}/fee-items`, {
          quiet: true,
          body: { name: v.name, basis: v.basis, priceFen, uses: v.uses, serviceFee: v.serviceFee, exemption },
        });
      message.success(t('fin.itemSaved'));
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
      title={item ? t('fin.editItem', { name: item.name }) : t('fin.newItem')}
      okText={t('estate.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="fee-item-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: item?.name ?? '',
          serviceFee: item?.serviceFee ?? false,
          basis: item?.basis ?? 'area_month',
          price: item ? yuanText(item.priceFen) : '',
          uses: item?.uses ?? ['residence'],
          exemption: item?.exemption ?? '',
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // The service fee is charged per m² and month only (the server refuses any other basis for it).
          if (changed.serviceFee) form.setFieldValue('basis', 'area_month');
        }}
        data-testid="fee-item-form"
      >
        <Form.Item name="name" label={t('fin.itemName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input placeholder={t('fin.itemNameHint')} />
        </Form.Item>
        <Form.Item
          name="serviceFee"
          label={t('fin.serviceFee')}
          valuePropName="checked"
          extra={t('fin.serviceFeeHint')}
        >
          <Switch disabled={!!item} />
        </Form.Item>
        <Form.Item name="basis" label={t('fin.basis')}>
          <Radio.Group
            disabled={!!item || serviceFee}
            options={BASES.map((b) => ({ value: b, label: label('basis', b) }))}
          />
        </Form.Item>
        <Form.Item
          name="price"
          label={t('fin.price')}
          rules={yuanRules}
          extra={
            serviceFee && (cap ? t('fin.capHint', { grade, cap: price(cap.capFen, 'area_month') }) : t('fin.noCap'))
          }
        >
          <YuanInput suffix={t(`priceUnit.${basis}`)} data-testid="fee-price" />
        </Form.Item>
        <Form.Item name="uses" label={t('fin.uses')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={USES.map((u) => ({ value: u, label: label('use', u) }))} />
        </Form.Item>
        {showExemption && (
          <>
            {aboveCap && <Alert type="warning" showIcon title={t('fin.aboveCapWarn')} style={{ marginBottom: 12 }} />}
            <Form.Item name="exemption" label={t('fin.exemption')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} placeholder={t('fin.exemptionHint')} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
