import { App, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { type Notice, SUPERVISION } from '../../inspections/types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';

/** 复查: passing closes the notice; not passing sends it back with a new deadline (after today). */
export function ReinspectDialog(props: { notice: Notice; passed: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; newDeadline?: Dayjs }>();
  const { notice: n, passed } = props;
  const submit = async () => {
    const v = await form.validateFields();
    const newDeadline = v.newDeadline?.format('YYYY-MM-DD');
    await api(`${SUPERVISION}/rectifications/${n.id}/reinspect`, {
      quiet: true,
      body: { version: n.version, passed, note: v.note.trim(), ...(passed ? {} : { newDeadline }) },
    });
    message.success(passed ? t('insp.passed') : t('insp.reopened', { date: newDeadline ?? '' }));
    props.onDone();
  };
  const required = { required: true, message: t('insp.required') };
  return (
    <ActionModal
      title={`${t(passed ? 'insp.reinspectPass' : 'insp.reinspectReopen')} · ${n.noticeNo}`}
      danger={!passed}
      onOk={submit}
      onClose={props.onClose}
      errorId="reinspect-error"
    >
      <Typography.Paragraph type="secondary">{n.finding}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="reinspect-form">
        <Form.Item name="note" label={t('insp.reinspectNote')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {!passed && (
          <Form.Item name="newDeadline" label={t('insp.newDeadline')} rules={[required]}>
            <DatePicker data-testid="new-deadline" disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        )}
      </Form>
    </ActionModal>
  );
}
