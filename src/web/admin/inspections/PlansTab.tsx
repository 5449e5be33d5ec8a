import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, List, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { canListAccounts, INSPECTOR_ROLES, SUPERVISION, type Template } from '../../inspections/types.ts';
import { useSession } from '../../session.tsx';
import type { Estate, Page } from '../../types.ts';
import { MyInspectionList } from './MyInspectionList.tsx';

interface Account {
  id: string;
  username: string;
  displayName: string;
  bindings: { role: string }[];
}
interface Values {
  name: string;
  templateId: string;
  mode: 'named' | 'drawn';
  estateIds?: string[];
  draw?: number;
  inspectorIds: string[];
  dueOn: Dayjs;
}

/** 检查计划: a new plan (named or randomly drawn estates, inspectors, a due date), and the caller's own inspections. */
export function PlansTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me } = useSession();
  const templates = useApi<Template[]>(`${SUPERVISION}/inspection-templates`);
  const estates = useApi<Page<Estate>>('/api/v1/estates?limit=200');
  const accounts = useApi<Page<Account>>(canListAccounts(me) ? '/api/v1/accounts?limit=200' : null);
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [created, setCreated] = useState<{ id: string; estates: { id: string; name: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [mineKey, setMineKey] = useState(0);

  const inspectors = [
    ...(me ? [{ value: me.id, label: `${me.displayName}${t('insp.me')}` }] : []),
    ...(accounts.data?.items ?? [])
      .filter((a) => a.id !== me?.id && a.bindings.some((b) => INSPECTOR_ROLES.includes(b.role)))
      .map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` })),
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
      setCreated(plan);
      message.success(t('insp.planCreated', { n: plan.estates.length }));
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
              <InputNumber min={1} max={estates.data?.items.length || 1000} precision={0} />
            </Form.Item>
          ) : (
            <Form.Item name="estateIds" label={t('insp.estates')} rules={required}>
              <Select
                mode="multiple"
                data-testid="plan-estates"
                showSearch={{ optionFilterProp: 'label' }}
                options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.code}）` }))}
              />
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
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="plan-created"
          title={t('insp.planEstates')}
          description={
            <List size="small" dataSource={created.estates} renderItem={(e) => <List.Item>{e.name}</List.Item>} />
          }
        />
      )}
      <Typography.Title level={5}>{t('insp.assignedToMe')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('insp.noPlanList')}</Typography.Paragraph>
      <MyInspectionList key={mineKey} />
    </>
  );
}
