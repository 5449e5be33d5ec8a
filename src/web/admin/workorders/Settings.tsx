import {
  Alert,
  App,
  Button,
  Calendar,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { Clock } from '../../workorders/types.ts';

interface WoSettings {
  reopenDays: number;
  report: Clock;
  department: Clock;
  reminderPercent: number;
  prioritySlas: Record<string, { response: Clock; resolution: Clock }>;
  version: number;
}
interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string | null;
}

const SETTINGS = '/api/v1/workorders/settings';
const CALENDAR = '/api/v1/workorders/calendar';
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/** 工单设置: the handling rules the city sets (reopen window, reminder), the fixed deadlines, and the working calendar. */
export function Settings() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Rules />
      <WorkCalendar />
    </Space>
  );
}

function Rules() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { data, reload } = useApi<WoSettings>(SETTINGS);
  const [form] = Form.useForm<{ reopenDays: number; reminderPercent: number }>();
  const [busy, setBusy] = useState(false);
  // A priority without its own deadlines keeps those of the problem type.
  const clock = (c: Clock | undefined) => (c ? `${c.amount} ${label('woUnit', c.unit)}` : t('woSet.byCategory'));

  const save = async (v: { reopenDays: number; reminderPercent: number }) => {
    if (!data) return;
    setBusy(true);
    try {
      await api<WoSettings>(SETTINGS, { method: 'PATCH', body: { version: data.version, ...v } });
      message.success(t('cat.saved'));
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('menu.woSettings')} loading={!data} data-testid="wo-settings">
      {data && (
        <>
          <Typography.Title level={5}>{t('woSet.rules')}</Typography.Title>
          <Form
            key={data.version}
            form={form}
            layout="inline"
            initialValues={{ reopenDays: data.reopenDays, reminderPercent: data.reminderPercent }}
            onFinish={save}
            style={{ rowGap: 12 }}
          >
            <Form.Item
              name="reopenDays"
              label={t('woSet.reopenDays')}
              tooltip={t('woSet.reopenDaysHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={365} precision={0} suffix={t('woSet.days')} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="reminderPercent"
              label={t('woSet.reminderPercent')}
              tooltip={t('woSet.reminderPercentHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 110 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('woSet.save')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('woSet.deadlines')}
          </Typography.Title>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('woSet.report')}>{clock(data.report)}</Descriptions.Item>
            <Descriptions.Item label={t('woSet.department')}>{clock(data.department)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="priority"
            pagination={false}
            title={() => t('woSet.priorityRules')}
            bordered
            dataSource={PRIORITIES.map((p) => ({ priority: p, ...data.prioritySlas[p] }))}
            columns={[
              { title: t('wo.priority'), dataIndex: 'priority', render: (p: string) => label('woPriority', p) },
              { title: t('woSet.response'), dataIndex: 'response', render: (c?: Clock) => clock(c) },
              { title: t('woSet.resolution'), dataIndex: 'resolution', render: (c?: Clock) => clock(c) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function WorkCalendar() {
  const { t } = useI18n();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const year = month.year();
  const { data, reload } = useApi<CalendarDay[]>(`${CALENDAR}?year=${year}`);
  const days = useMemo(() => new Map((data ?? []).map((d) => [d.date, d])), [data]);
  const holidays = (data ?? []).filter((d) => d.kind === 'holiday').length;

  const cell = (d: Dayjs) => {
    const day = days.get(d.format('YYYY-MM-DD'));
    if (!day) return null;
    return (
      <div data-testid={`cal-${day.kind}`}>
        <Tag color={day.kind === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 4 }}>
          {t(day.kind === 'holiday' ? 'woCal.rest' : 'woCal.work')}
        </Tag>
        {day.note && <span style={{ fontSize: 12, color: '#666' }}>{day.note}</span>}
      </div>
    );
  };

  return (
    <Card
      title={t('woCal.title')}
      extra={
        <Typography.Text type="secondary">
          {t('woCal.count', { year, holidays, workdays: (data?.length ?? 0) - holidays })}
        </Typography.Text>
      }
      data-testid="wo-calendar"
    >
      <Alert type="info" showIcon title={t('woCal.hint')} style={{ marginBottom: 8 }} />
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => {
          setMonth(d);
          if (info.source === 'date') setEditing(d);
        }}
        cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
      />
      {editing && (
        <DayEditor
          date={editing}
          day={days.get(editing.format('YYYY-MM-DD'))}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}

/** Sets one day: 节假日, 调休上班 (a weekend worked), or back to the weekly rhythm. */
function DayEditor({
  date,
  day,
  onClose,
  onDone,
}: {
  date: Dayjs;
  day: CalendarDay | undefined;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<'holiday' | 'workday' | 'default'>(day?.kind ?? 'default');
  const [note, setNote] = useState(day?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const iso = date.format('YYYY-MM-DD');
  const now = day
    ? t(day.kind === 'holiday' ? 'woCal.holiday' : 'woCal.workday')
    : t(isWeekend(date) ? 'woCal.weekend' : 'woCal.weekday');

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`${CALENDAR}/${iso}`, {
        method: 'PUT',
        quiet: true,
        body: kind === 'default' ? { kind: null } : { kind, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      message.success(t('cat.saved'));
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('woCal.editTitle', { date: `${iso} ${date.format('ddd')}` })}
      okText={t('woSet.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
      data-testid="day-editor"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="day-error" />}
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('woCal.now')}>{now}</Descriptions.Item>
      </Descriptions>
      <Radio.Group
        value={kind}
        onChange={(e) => {
          setKind(e.target.value);
          setError(null);
        }}
        optionType="button"
        buttonStyle="solid"
        options={[
          { value: 'holiday', label: t('woCal.holiday') },
          { value: 'workday', label: t('woCal.workday') },
          { value: 'default', label: t('woCal.default') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {kind !== 'default' && (
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={100}
          placeholder={t('woCal.notePlaceholder')}
          prefix={<span style={{ color: '#999' }}>{t('woCal.note')}</span>}
        />
      )}
    </Modal>
  );
}
