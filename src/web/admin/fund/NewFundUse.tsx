import { Alert, App, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { YuanInput } from '../../finance/components.tsx';
import { parseYuan } from '../../format.ts';
import { useUnits } from '../../fund/hooks.ts';
import {
  EMERGENCIES,
  type Emergency,
  FUND_USES,
  type FundUse,
  MAX_BUDGET_FEN,
  SCOPE_KINDS,
  type ScopeKind,
} from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Building, Estate } from '../../types.ts';

interface Values {
  project: string;
  description: string;
  budget: string;
  scopeKind: ScopeKind;
  buildingIds?: string[];
  unitIds?: string[];
  urgent: boolean;
  emergency?: Emergency;
}

const byName = new Intl.Collator('zh-CN', { numeric: true });

/**
 * 新建申请: the project, its budget and who benefits (the whole estate, some buildings or some units); the server
 * apportions the budget among those units by area. An emergency names its kind and skips the owners' vote.
 */
export function NewFundUse(props: { estate: Estate; onClose(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scopeKind = Form.useWatch('scopeKind', form) ?? 'estate';
  const urgent = Form.useWatch('urgent', form) ?? false;
  const buildings = useApi<Building[]>(`/api/v1/estates/${props.estate.id}/buildings`).data ?? [];
  const units = useUnits(scopeKind === 'units' ? { estateId: props.estate.id } : null);
  const required = { required: true, message: t('fund.required') };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const scopeIds = v.scopeKind === 'buildings' ? v.buildingIds : v.scopeKind === 'units' ? v.unitIds : undefined;
      const created = await api<FundUse>(FUND_USES, {
        quiet: true,
        body: {
          estateId: props.estate.id,
          project: v.project.trim(),
          description: v.description.trim(),
          budgetFen: parseYuan(v.budget),
          scopeKind: v.scopeKind,
          ...(scopeIds ? { scopeIds } : {}),
          ...(v.urgent && v.emergency ? { emergency: v.emergency } : {}),
        },
      });
      message.success(t('fund.created'));
      props.onCreated(created.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={`${t('fund.newUse')} · ${props.estate.name}`}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="new-use-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ scopeKind: 'estate', urgent: false }}
        data-testid="new-use-form"
      >
        <Form.Item name="project" label={t('fund.project')} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
          <Input placeholder={t('fund.projectHint')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('fund.description')}
          rules={[{ ...required, whitespace: true }, { max: 5000 }]}
        >
          <Input.TextArea rows={3} placeholder={t('fund.descriptionHint')} />
        </Form.Item>
        <Form.Item
          name="budget"
          label={t('fund.budget')}
          rules={[
            {
              validator: async (_, text: string | undefined) => {
                if (!text?.trim()) throw new Error(t('money.required'));
                const fen = parseYuan(text);
                if (fen === null) throw new Error(t('money.invalid'));
                if (fen < 1 || fen > MAX_BUDGET_FEN) throw new Error(t('fund.budgetRange'));
              },
            },
          ]}
        >
          <YuanInput suffix="元" />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('fund.scope')} extra={t('fund.scopeHint')}>
          <Radio.Group optionType="button" options={SCOPE_KINDS.map((k) => ({ value: k, label: label('scope', k) }))} />
        </Form.Item>
        {scopeKind === 'buildings' && (
          <Form.Item
            name="buildingIds"
            label={t('fund.scopeBuildings')}
            rules={[{ required: true, message: t('fund.scopeRequired') }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={[...buildings]
                .sort((a, b) => byName.compare(a.name, b.name))
                .map((b) => ({ value: b.id, label: b.name }))}
              data-testid="scope-buildings"
            />
          </Form.Item>
        )}
        {scopeKind === 'units' && (
          <Form.Item
            name="unitIds"
            label={t('fund.scopeUnits')}
            rules={[{ required: true, message: t('fund.scopeRequired') }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={!units}
              options={(units ?? []).map((u) => ({ value: u.id, label: `${u.buildingName} ${u.number}` }))}
              data-testid="scope-units"
            />
          </Form.Item>
        )}
        <Form.Item name="urgent" label={t('fund.emergency')} valuePropName="checked" extra={t('fund.emergencyHint')}>
          <Switch />
        </Form.Item>
        {urgent && (
          <Form.Item name="emergency" label={t('fund.emergencyKind')} rules={[required]}>
            <Select
              style={{ width: 240 }}
              options={EMERGENCIES.map((e) => ({ value: e, label: label('emergency', e) }))}
              data-testid="emergency-kind"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
