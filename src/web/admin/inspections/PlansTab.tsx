import { App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { LoadMore } from '../../components.tsx';
import { useApi, useCursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { type InspectionRow, type Inspector, type Plan, SUPERVISION, type Template } from '../../inspections/types.ts';
import { useSession } from '../../session.tsx';
import { EstateSelect } from '../EstateSelect.tsx';
import { MyInspectionList } from './MyInspectionList.tsx';

interface Values {
  name: string;
  templateId: string;
  mode: 'named' | 'drawn';
  estateIds?: string[];
  draw?: number;
  inspectorIds: string[];
  dueOn: Dayjs;
}

/**
 * 检查计划: a new plan (named or randomly drawn estates, inspectors, a due date), the plans of the region with their
 * inspections, and the caller's own inspections.
 */
export function PlansTab() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { me } = useSession();
  const templates = useApi<Template[]>(`${SUPERVISION}/inspection-templates`);
  const people = useApi<Inspector[]>(`${SUPERVISION}/inspectors`);
  const plans = useCursorList<Plan>(`${SUPERVISION}/inspection-plans`, {});
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [mineKey, setMineKey] = useState(0);

  // The caller first, then the inspectors inside its region (one line per person, whatever their bindings).
  const seen = new Set<string>();
  const inspectors = [
    ...(me ? [{ value: me.id, label: `${me.displayName}${t('insp.me')}` }] : []),
    ...(people.data ?? [])
      .filter((a) => a.id !== me?.id && !seen.has(a.id) && seen.add(a.id))
      .map((a) => ({ value: a.id, label: `${a.name}（${label('role', a.role)}）` })),
  ];
  const required = [{ required: true, message: t('insp.required') }];

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const plan = await api<{ id: string; estates: { id: string; name: string }[] }>(
        `${SUPERVISION}/inspection-plans`,
        {
          body: {
            name: v.name.trim(),
            templateId: v.templateId,
            dueOn: v.dueOn.format('YYYY-MM-DD'),
            inspectorIds: v.inspectorIds,
            ...(v.mode === 'named' ? { estateIds: v.estateIds } : { draw: v.draw }),
          },
        },
      );
      message.success(t('insp.planCreated', { n: plan.estates.length }));
      form.resetFields();
      setExpanded([plan.id]);
      plans.reload();
      setMineKey((k) => k + 1);
    } catch {
      // api() has shown the server's reason (too many to draw, an estate outside the region).
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card size="small" title={t('insp.newPlan')} style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ mode: 'named', inspectorIds: me ? [me.id] : [], dueOn: dayjs().add(14, 'day') }}
          style={{ maxWidth: 640 }}
          data-testid="plan-form"
        >
          <Form.Item name="name" label={t('insp.planName')} rules={[{ ...required[0], whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="templateId" label={t('insp.template')} rules={required}>
            <Select
              data-testid="plan-template"
              loading={templates.loading}
              options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="mode" label={t('insp.estatesMode')}>
            <Radio.Group
              options={[
                { value: 'named', label: t('insp.named') },
                { value: 'drawn', label: t('insp.drawn') },
              ]}
            />
          </Form.Item>
          {mode === 'drawn' ? (
            <Form.Item name="draw" label={t('insp.drawCount')} rules={required}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
          ) : (
            <Form.Item name="estateIds" label={t('insp.estates')} rules={required}>
              <EstateSelect<string[]> multiple testId="plan-estates" />
            </Form.Item>
          )}
          <Form.Item name="inspectorIds" label={t('insp.inspectors')} extra={t('insp.inspectorsHint')} rules={required}>
            <Select
              mode="multiple"
              data-testid="plan-inspectors"
              showSearch={{ optionFilterProp: 'label' }}
              options={inspectors}
            />
          </Form.Item>
          <Form.Item name="dueOn" label={t('insp.dueOn')} rules={required}>
            <DatePicker data-testid="plan-due" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('insp.createPlan')}
          </Button>
        </Form>
      </Card>
      <Typography.Title level={5}>{t('insp.planList')}</Typography.Title>
      <Table<Plan>
        rowKey="id"
        size="middle"
        data-testid="plans"
        style={{ marginBottom: 24 }}
        loading={plans.loading && !plans.items.length}
        dataSource={plans.items}
        pagination={false}
        locale={{ emptyText: t('insp.noPlans') }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          expandedRowRender: (p) => <PlanInspections planId={p.id} />,
        }}
        columns={[
          { title: t('insp.planName'), dataIndex: 'name' },
          { title: t('insp.template'), dataIndex: 'template' },
          {
            title: t('insp.estatesMode'),
            dataIndex: 'drawn',
            width: 150,
            render: (d: boolean) => t(d ? 'insp.drawn' : 'insp.named'),
          },
          { title: t('insp.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('insp.progress'),
            key: 'progress',
            width: 110,
            align: 'right',
            render: (_, p) => `${p.submitted} / ${p.inspections}`,
          },
        ]}
      />
      <LoadMore hasMore={plans.hasMore} loading={plans.loading} onMore={plans.loadMore} count={plans.items.length} />
      <Typography.Title level={5}>{t('insp.assignedToMe')}</Typography.Title>
      <MyInspectionList key={mineKey} />
    </>
  );
}

/** A plan's inspections: estate, company, inspector, state, score and notices raised. */
function PlanInspections({ planId }: { planId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const rows = useApi<InspectionRow[]>(`${SUPERVISION}/inspections?planId=${planId}`);
  return (
    <Table<InspectionRow>
      rowKey="id"
      size="small"
      data-testid={`plan-inspections-${planId}`}
      loading={rows.loading}
      dataSource={rows.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('insp.estate'), dataIndex: 'estate' },
        { title: t('insp.company'), dataIndex: 'company', render: (c: string | null) => c ?? t('insp.noCompany') },
        { title: t('insp.inspectors'), dataIndex: 'inspector' },
        {
          title: t('insp.state'),
          dataIndex: 'state',
          width: 100,
          render: (s: InspectionRow['state']) => (
            <Tag color={s === 'assigned' ? 'gold' : 'green'}>{label('inspState', s)}</Tag>
          ),
        },
        {
          title: t('insp.score'),
          key: 'score',
          width: 100,
          align: 'right',
          render: (_, r) => (r.score === null ? '—' : `${r.score} / ${r.maxScore}`),
        },
        { title: t('insp.noticesIssued'), dataIndex: 'notices', width: 100, align: 'right' },
      ]}
    />
  );
}
