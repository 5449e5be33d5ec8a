import { Alert, App, Calendar, Card, Descriptions, Input, Modal, Radio, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string | null;
}

const CALENDAR = '/api/v1/workorders/calendar';
const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/** 工作日历: holidays and swapped workdays; other days follow the weekly rhythm. */
export function WorkCalendar() {
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
