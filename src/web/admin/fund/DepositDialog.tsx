import { Alert, Button, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { formatArea, formatFen, parseYuan, yuanText } from '../../format.ts';
import { useUnits } from '../../fund/hooks.ts';
import {
  type Deposited,
  depositFor,
  FUND,
  type FundRate,
  type FundUnitRow,
  fundUnitsPath,
  MAX_DEPOSIT_FEN,
} from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Building } from '../../types.ts';

type Kind = 'initial' | 'redeposit';
interface Values {
  buildingId?: string;
  unitId?: string;
  kind: Kind;
  voucher: string;
  amount?: string;
}

const byName = new Intl.Collator('zh-CN', { numeric: true });

/**
 * 缴存: a deposit into one unit's sub-account with the bank's voucher — the initial one (area × the city's rate for
 * the unit's use, computed by the server and previewed here) or a 续筹 of a given amount. The unit picker marks the
 * units whose initial deposit is already booked (from the 分户账). The dialog stays open after each booking so a
 * stack of vouchers can be entered one after another.
 */
export function DepositDialog(props: { estateId: string; onClose(): void; onBooked(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; replayed: boolean } | null>(null);
  const buildingId = Form.useWatch('buildingId', form);
  const unitId = Form.useWatch('unitId', form);
  const kind = Form.useWatch('kind', form) ?? 'initial';
  const buildings = useApi<Building[]>(`/api/v1/estates/${props.estateId}/buildings`).data ?? [];
  const units = useUnits(buildingId ? { buildingId } : null);
  const rates = useApi<FundRate[]>(`${FUND}/fund-rates`).data;
  const ledger = useApi<FundUnitRow[]>(buildingId ? fundUnitsPath(props.estateId, buildingId) : null);
  // The initial deposit each unit of the building made (a building switched to shows none until read).
  const initialOf = new Map(
    (ledger.data ?? []).filter((r) => r.buildingId === buildingId).map((r) => [r.unitId, r.initialFen]),
  );
  const unit = units?.find((u) => u.id === unitId);
  const rate = unit && rates?.find((r) => r.use === unit.use);
  const initial = unit ? (initialOf.get(unit.id) ?? null) : null;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !unit) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await api<Deposited>(`${FUND}/fund-deposits`, {
        quiet: true,
        body: {
          unitId: unit.id,
          kind: v.kind,
          voucher: v.voucher.trim(),
          ...(v.kind === 'redeposit' ? { amountFen: parseYuan(v.amount ?? '') } : {}),
        },
      });
      const unitText = `${unit.buildingName} ${unit.number}`;
      setDone({
        text: t('fund.depositDone', {
          unit: unitText,
          kind: t(`fund.kind.${v.kind}`),
          amount: formatFen(res.amountFen),
        }),
        replayed: res.replayed,
      });
      // Ready for the next voucher of the same building.
      form.setFieldsValue({ unitId: undefined, voucher: '', amount: '' });
      ledger.reload();
      props.onBooked();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const amountRules = [
    {
      validator: async (_: unknown, text: string | undefined) => {
        if (!text?.trim()) throw new Error(t('money.required'));
        const fen = parseYuan(text);
        if (fen === null) throw new Error(t('money.invalid'));
        if (fen < 1 || fen > MAX_DEPOSIT_FEN)
          throw new Error(t('money.range', { max: yuanText(MAX_DEPOSIT_FEN, true) }));
      },
    },
  ];

  return (
    <Modal
      open
      title={t('fund.depositTitle')}
      onCancel={props.onClose}
      footer={[
        <Button key="close" onClick={props.onClose}>
          {t('fund.close')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={submit} data-testid="deposit-submit">
          {t('fund.submitDeposit')}
        </Button>,
      ]}
    >
      {done && (
        <Alert
          type="success"
          showIcon
          title={done.text}
          description={done.replayed ? t('fund.depositReplayed') : undefined}
          style={{ marginBottom: 12 }}
          data-testid="deposit-done"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="deposit-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'initial', voucher: '' }}
        onValuesChange={() => setError(null)}
        data-testid="deposit-form"
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="buildingId"
            label={t('fund.building')}
            rules={[{ required: true, message: t('fund.pickBuilding') }]}
            style={{ flex: 1 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('fund.pickBuilding')}
              onChange={() => form.setFieldValue('unitId', undefined)}
              options={[...buildings]
                .sort((a, b) => byName.compare(a.name, b.name))
                .map((b) => ({ value: b.id, label: b.name }))}
              data-testid="deposit-building"
            />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('fund.unit')}
            rules={[{ required: true, message: t('fund.pickUnit') }]}
            style={{ flex: 1 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('fund.pickUnit')}
              disabled={!buildingId}
              loading={!!buildingId && !units}
              options={(units ?? []).map((u) => ({ value: u.id, label: u.number }))}
              optionRender={(o) => {
                const fen = initialOf.get(o.value as string);
                return (
                  <Space size={8}>
                    {o.label}
                    {fen != null && (
                      <Tag color="green" data-testid="unit-deposited">
                        {t('fund.depositedTag', { amount: formatFen(fen) })}
                      </Tag>
                    )}
                  </Space>
                );
              }}
              data-testid="deposit-unit"
            />
          </Form.Item>
        </div>
        <Form.Item name="kind" label={t('fund.kind')}>
          <Radio.Group
            optionType="button"
            options={(['initial', 'redeposit'] as const).map((k) => ({ value: k, label: t(`fund.kind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'initial' && unit && initial !== null && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="deposit-already"
            title={t('fund.alreadyDeposited', { amount: formatFen(initial) })}
          />
        )}
        {kind === 'initial' && unit && rates && initial === null && (
          <Alert
            type={rate ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="deposit-due"
            title={
              rate
                ? t('fund.initialAmount', {
                    amount: formatFen(depositFor(unit.area, rate.rateFen)),
                    area: formatArea(unit.area),
                    rate: yuanText(rate.rateFen, true),
                  })
                : t('fund.noRate', { use: label('use', unit.use) })
            }
          />
        )}
        {kind === 'redeposit' && (
          <Form.Item name="amount" label={t('fund.amount')} rules={amountRules}>
            <YuanInput />
          </Form.Item>
        )}
        <Form.Item
          name="voucher"
          label={t('fund.voucher')}
          extra={t('fund.voucherHint')}
          rules={[{ required: true, whitespace: true, message: t('fund.required') }, { max: 64 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
