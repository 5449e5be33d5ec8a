import { App, DatePicker, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, api } from '../../api.ts';
import type { ArrearsSettings, ArrearsUnit } from '../../finance/fees.ts';
import { FINANCE } from '../../finance/types.ts';
import { formatFen } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { ActionModal } from './ActionModal.tsx';

interface SettingsFields {
  minMonths: number;
  writtenNotices: number;
  lateFeeOn: boolean;
  clause?: string;
  bpPerDay?: number;
  graceDays?: number;
}

/** 催缴与违约金设置: the due process before the non-payer list, and the contract's late-fee clause if it has one. */
export function SettingsDialog(props: {
  estateId: string;
  settings: ArrearsSettings;
  onClose(): void;
  onSaved(): void;
  /** Someone else saved meanwhile (409): read theirs. */
  onStale(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsFields>();
  const lateFeeOn = Form.useWatch('lateFeeOn', form);
  const s = props.settings;
  const required = { required: true, message: t('fees.required') };

  const save = async () => {
    const v = await form.validateFields();
    try {
      await api(`${FINANCE}/estates/${props.estateId}/arrears-settings`, {
        method: 'PUT',
        quiet: true,
        body: {
          minMonths: v.minMonths,
          writtenNotices: v.writtenNotices,
          lateFee: v.lateFeeOn ? { clause: v.clause?.trim(), bpPerDay: v.bpPerDay, graceDays: v.graceDays ?? 0 } : null,
          version: s.version,
        },
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) props.onStale();
      throw e;
    }
    message.success(t('arr.settingsSaved'));
    props.onSaved();
  };

  return (
    <ActionModal title={t('arr.settings')} onOk={save} onClose={props.onClose} errorId="arrears-settings-error">
      <Typography.Paragraph type="secondary">{t('arr.settingsIntro')}</Typography.Paragraph>
      <Form<SettingsFields>
        form={form}
        layout="vertical"
        data-testid="arrears-settings-form"
        initialValues={{
          minMonths: s.minMonths,
          writtenNotices: s.writtenNotices,
          lateFeeOn: !!s.lateFee,
          clause: s.lateFee?.clause,
          bpPerDay: s.lateFee?.bpPerDay ?? 3,
          graceDays: s.lateFee?.graceDays ?? 15,
        }}
      >
        <Space size="large" wrap>
          <Form.Item name="minMonths" label={t('arr.minMonths')} rules={[required]}>
            <InputNumber min={1} max={60} precision={0} suffix={t('arr.monthsSuffix')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="writtenNotices" label={t('arr.writtenNotices')} rules={[required]}>
            <InputNumber min={1} max={10} precision={0} suffix={t('arr.timesSuffix')} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Form.Item name="lateFeeOn" label={t('arr.lateFeeOn')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {lateFeeOn && (
          <>
            <Form.Item name="clause" label={t('arr.clause')} rules={[{ ...required, whitespace: true }, { max: 500 }]}>
              <Input.TextArea rows={3} placeholder={t('arr.clauseHint')} />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item name="bpPerDay" label={t('arr.bpPerDay')} extra={t('arr.bpPerDayHint')} rules={[required]}>
                <InputNumber min={1} max={10} precision={0} style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name="graceDays" label={t('arr.graceDays')} extra={t('arr.graceDaysHint')} rules={[required]}>
                <InputNumber min={0} max={365} precision={0} suffix={t('arr.daysSuffix')} style={{ width: 150 }} />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </ActionModal>
  );
}

/** 发送催缴通知 to the owners of every unit owing since at least the months given, through the outbox. */
export function RemindDialog(props: { estateId: string; asOf: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minMonths: number }>();
  const send = async () => {
    const v = await form.validateFields();
    const res = await api<{ sent: number }>(`${FINANCE}/estates/${props.estateId}/arrears/reminders`, {
      quiet: true,
      body: { asOf: props.asOf, minMonths: v.minMonths ?? 0 },
    });
    message.success(t('arr.reminded', { n: res.sent }));
    props.onClose();
  };
  return (
    <ActionModal title={t('arr.remind')} onOk={send} onClose={props.onClose} errorId="remind-error">
      <Typography.Paragraph type="secondary">{t('arr.remindIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ minMonths: 0 }} data-testid="remind-form">
        <Form.Item name="minMonths" label={t('arr.remindMin')} extra={t('arr.remindMinHint')}>
          <InputNumber min={0} max={120} precision={0} suffix={t('arr.monthsSuffix')} style={{ width: 150 }} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 书面催缴: a reminder letter delivered to one unit, with the proof of delivery. */
export function WrittenNoticeDialog(props: { unit: ArrearsUnit; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deliveredOn: Dayjs; evidence: string }>();
  const save = async () => {
    const v = await form.validateFields();
    await api(`${FINANCE}/arrears/written-notices`, {
      quiet: true,
      body: { unitId: props.unit.unitId, deliveredOn: v.deliveredOn.format('YYYY-MM-DD'), evidence: v.evidence.trim() },
    });
    message.success(t('arr.writtenSaved'));
    props.onDone();
  };
  return (
    <ActionModal
      title={t('arr.writtenTitle', { unit: props.unit.label })}
      onOk={save}
      onClose={props.onClose}
      errorId="written-error"
    >
      <Typography.Paragraph type="secondary">{t('arr.writtenIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ deliveredOn: dayjs() }} data-testid="written-form">
        <Form.Item
          name="deliveredOn"
          label={t('arr.deliveredOn')}
          rules={[{ required: true, message: t('fees.required') }]}
        >
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('arr.evidence')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 200 }]}
        >
          <Input placeholder={t('arr.evidenceHint')} autoComplete="off" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 列入恶意拖欠名单: the server refuses until the estate's due process is done, and says what is missing. */
export function DefaulterDialog(props: {
  unit: ArrearsUnit;
  settings: ArrearsSettings | undefined;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const save = async () => {
    const v = await form.validateFields();
    const res = await api<{ owedFen: number; months: number }>(`${FINANCE}/defaulters`, {
      quiet: true,
      body: { unitId: props.unit.unitId, reason: v.reason.trim() },
    });
    message.success(t('arr.listed', { months: res.months, amount: formatFen(res.owedFen) }));
    props.onDone();
  };
  return (
    <ActionModal
      title={t('arr.defaulterTitle', { unit: props.unit.label })}
      okText={t('arr.defaulter')}
      danger
      onOk={save}
      onClose={props.onClose}
      errorId="defaulter-error"
    >
      {props.settings && (
        <Typography.Paragraph type="secondary">
          {t('arr.dueProcess', { months: props.settings.minMonths, notices: props.settings.writtenNotices })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph data-testid="defaulter-progress">
        {t('arr.writtenCount')}：{t('arr.writtenN', { n: props.unit.writtenNotices })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="defaulter-form">
        <Form.Item
          name="reason"
          label={t('arr.reason')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={t('arr.reasonHint')} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
