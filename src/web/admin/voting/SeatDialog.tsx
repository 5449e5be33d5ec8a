import { Alert, App, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { MATTERS, type Matter } from '../../voting/types.ts';

interface Values {
  termStart: Dayjs;
  termEnd: Dayjs;
  director: string;
  deputies?: string[];
}

const DAY = 'YYYY-MM-DD';
/** 《业主大会和业主委员会指导规则》: a term lasts at most five years. */
const lastDay = (start: Dayjs) => start.add(5, 'year');

/**
 * 确认就任: the published winners of an election take their seats as a new committee (term and posts chosen at its
 * first meeting), or those of a by-election join the committee in office.
 */
export function SeatDialog({ m, onClose, onSeated }: { m: Matter; onClose(): void; onSeated(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const director = Form.useWatch('director', form);
  const start = Form.useWatch('termStart', form);
  const elected = (m.result?.elected ?? []).map((id) => m.candidates.find((c) => c.id === id) ?? { id, name: id });
  const byElection = m.purpose === 'by_election';
  const required = [{ required: true, message: t('vote.required') }];

  const submit = async () => {
    const v = byElection ? null : await form.validateFields().catch(() => null);
    if (!byElection && !v) return;
    setBusy(true);
    try {
      await api(`${MATTERS}/${m.id}/seat`, {
        body: {
          version: m.version,
          ...(v && {
            termStart: v.termStart.format(DAY),
            termEnd: v.termEnd.format(DAY),
            director: v.director,
            deputies: v.deputies ?? [],
          }),
        },
      });
      message.success(t('vote.seated'));
      onSeated();
    } catch {
      // api() has shown why (a tie for the last seat, nobody elected, a stale version…).
    } finally {
      setBusy(false);
    }
  };

  const options = elected.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Modal open title={t('vote.seat')} onOk={submit} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      {byElection ? (
        <Typography.Paragraph data-testid="seat-by-election">
          {t('vote.seatByElection', { names: elected.map((c) => c.name).join('、') })}
        </Typography.Paragraph>
      ) : (
        <Form
          form={form}
          layout="vertical"
          data-testid="seat-form"
          initialValues={{ termStart: dayjs(), termEnd: lastDay(dayjs()).subtract(1, 'day') }}
        >
          <Alert type="info" showIcon title={t('vote.seatHint')} style={{ marginBottom: 16 }} />
          <div style={{ display: 'flex', gap: 16 }}>
            <Form.Item name="termStart" label={t('vote.termStart')} rules={required} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="termEnd" label={t('vote.termEnd')} rules={required} style={{ flex: 1 }}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => !!start && (!d.isAfter(start, 'day') || d.isAfter(lastDay(start), 'day'))}
              />
            </Form.Item>
          </div>
          <Form.Item name="director" label={t('vote.director')} rules={required}>
            <Select options={options} data-testid="seat-director" />
          </Form.Item>
          <Form.Item name="deputies" label={t('vote.deputies')}>
            <Select
              mode="multiple"
              maxCount={4}
              options={options.filter((o) => o.value !== director)}
              data-testid="seat-deputies"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
