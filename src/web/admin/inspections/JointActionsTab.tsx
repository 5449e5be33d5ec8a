import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { LoadMore } from '../../components.tsx';
import { useApi, useCursorList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type JointAction, SUPERVISION } from '../../inspections/types.ts';
import type { Department } from '../../types.ts';
import { EstateSelect } from '../EstateSelect.tsx';
import { ActionModal } from '../finance/ActionModal.tsx';

/** 联合执法: joint actions in the region, with departments, what was done, notices issued and interviews (约谈). */
export function JointActionsTab() {
  const { t } = useI18n();
  const actions = useCursorList<JointAction>(`${SUPERVISION}/joint-actions`, {});
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setAdding(true)}>
        {t('insp.newJoint')}
      </Button>
      <Table<JointAction>
        rowKey="id"
        size="middle"
        data-testid="joint-actions"
        loading={actions.loading && !actions.items.length}
        dataSource={actions.items}
        pagination={false}
        locale={{ emptyText: t('insp.noJoint') }}
        columns={[
          { title: t('insp.onDate'), dataIndex: 'onDate', width: 110 },
          {
            title: t('insp.estate'),
            dataIndex: 'estate',
            width: 140,
            render: (estate: string | null) => estate ?? t('insp.wholeRegion'),
          },
          {
            title: t('insp.departments'),
            dataIndex: 'departments',
            render: (ds: string[]) => (
              <Space size={4} wrap>
                {ds.map((d) => (
                  <Tag key={d}>{d}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('insp.actions'), dataIndex: 'actions', ellipsis: true },
          { title: t('insp.noticesIssued'), dataIndex: 'notices', align: 'right', width: 100 },
          { title: t('insp.interviews'), dataIndex: 'interviews', align: 'right', width: 100 },
        ]}
      />
      <LoadMore
        hasMore={actions.hasMore}
        loading={actions.loading}
        onMore={actions.loadMore}
        count={actions.items.length}
      />
      {adding && (
        <JointActionDialog
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            actions.reload();
          }}
        />
      )}
    </>
  );
}

interface Values {
  estateId?: string;
  onDate: Dayjs;
  departments: string[];
  actions: string;
  notices: number;
  interviews: number;
}

function JointActionDialog(props: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const departments = useApi<Department[]>('/api/v1/departments');
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${SUPERVISION}/joint-actions`, {
      quiet: true,
      body: {
        ...(v.estateId ? { estateId: v.estateId } : {}),
        onDate: v.onDate.format('YYYY-MM-DD'),
        departments: v.departments.map((d) => d.trim()).filter(Boolean),
        actions: v.actions.trim(),
        notices: v.notices,
        interviews: v.interviews,
      },
    });
    message.success(t('insp.jointRecorded'));
    props.onDone();
  };
  const required = { required: true, message: t('insp.required') };
  return (
    <ActionModal title={t('insp.newJoint')} onOk={submit} onClose={props.onClose} errorId="joint-error">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ onDate: dayjs(), notices: 0, interviews: 0, departments: [] }}
        data-testid="joint-form"
      >
        <Form.Item name="estateId" label={t('insp.jointEstate')}>
          <EstateSelect<string> allowClear testId="joint-estate" />
        </Form.Item>
        <Form.Item name="onDate" label={t('insp.onDate')} rules={[required]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="departments"
          label={t('insp.departments')}
          extra={t('insp.departmentsHint')}
          rules={[{ ...required, type: 'array', min: 1 }]}
        >
          <Select
            mode="tags"
            data-testid="joint-departments"
            options={(departments.data ?? []).map((d) => ({ value: d.name, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="actions" label={t('insp.actions')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="notices" label={t('insp.noticesIssued')} rules={[required]}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="interviews" label={t('insp.interviews')} rules={[required]}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </ActionModal>
  );
}
