import { App, DatePicker, Form, Input, Radio, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { todayIso } from '../../credit/types.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { DISPUTES, type Dispute, type DisputeDetail, nextLevel } from '../../mediation/types.ts';
import type { MessageKey } from '../../messages.ts';
import { ActionModal } from '../finance/ActionModal.tsx';

export type Action = 'session' | 'escalate' | 'agree' | 'close' | 'filing' | 'courtOutcome';

const TITLE: Record<Action, MessageKey> = {
  session: 'med.session',
  escalate: 'med.escalate',
  agree: 'med.agree',
  close: 'med.close',
  filing: 'med.file',
  courtOutcome: 'med.courtOutcome',
};
const PATH: Record<Action, string> = {
  session: 'sessions',
  escalate: 'escalate',
  agree: 'close',
  close: 'close',
  filing: 'filing',
  courtOutcome: 'court-outcome',
};

/**
 * One step on a dispute in a dialog: a mediation session, escalation, the agreement (调解协议), the end of the
 * mediation unsettled or withdrawn, the court's filing number or its outcome. The dispute's version goes with it.
 */
export function ActionDialog(props: { dispute: Dispute; action: Action; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { dispute: d, action } = props;
  const next = nextLevel(d.level);
  const required = [{ required: true, whitespace: true, message: t('med.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    const fields: Record<Action, string[]> = {
      session: ['onDate', 'note'],
      escalate: ['reason'],
      agree: ['agreement', 'note'],
      close: ['outcome', 'note'],
      filing: ['caseNo'],
      courtOutcome: ['outcome', 'note'],
    };
    const body: Record<string, unknown> = { version: d.version };
    for (const f of fields[action]) if (typeof v[f] === 'string' && v[f].trim()) body[f] = v[f].trim();
    if (action === 'agree') body.outcome = 'mediated';
    // The court's own date, entered later: today unless the desk picks an earlier day.
    if ((action === 'filing' || action === 'courtOutcome') && v.courtDate)
      body.onDate = (v.courtDate as Dayjs).format('YYYY-MM-DD');
    await api<DisputeDetail>(`${DISPUTES}/${d.id}/${PATH[action]}`, { body, quiet: true });
    const done: Record<Action, string> = {
      session: t('med.sessionDone'),
      escalate: t('med.escalated', { level: label('medLevel', next) }),
      agree: t('med.agreed'),
      close: t('med.closed'),
      filing: t('med.filed'),
      courtOutcome: t('med.courtOutcomeDone'),
    };
    message.success(done[action]);
    props.onDone();
  };

  const note = (name: string, title: MessageKey, must: boolean, rows = 3) => (
    <Form.Item name={name} label={t(title)} rules={must ? required : []}>
      <Input.TextArea rows={rows} maxLength={name === 'agreement' ? 10_000 : 2000} />
    </Form.Item>
  );
  const today = dayjs(todayIso());
  const courtDate = (title: MessageKey) => (
    <Form.Item name="courtDate" label={t(title)} extra={t('med.courtDateHint')}>
      <DatePicker allowClear={false} disabledDate={(day) => day.isAfter(today, 'day')} data-testid="court-date" />
    </Form.Item>
  );
  const outcomes = (codes: string[], group: string) => (
    <Form.Item name="outcome" label={t('med.outcome')} rules={required}>
      <Radio.Group options={codes.map((c) => ({ value: c, label: label(group, c) }))} />
    </Form.Item>
  );

  return (
    <ActionModal
      title={
        <>
          {t(TITLE[action])} <Tag>{d.applicant}</Tag>
        </>
      }
      onOk={submit}
      onClose={props.onClose}
      errorId="med-action-error"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ onDate: todayIso(), courtDate: today, outcome: action === 'close' ? 'failed' : undefined }}
        data-testid="med-action-form"
      >
        {action === 'session' && (
          <>
            <Form.Item
              name="onDate"
              label={t('med.sessionDate')}
              rules={[...required, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
            >
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            {note('note', 'med.sessionNote', true)}
          </>
        )}
        {action === 'escalate' && (
          <>
            <p>{t('med.escalateTo', { level: label('medLevel', next) })}</p>
            {note('reason', 'med.reason', true)}
          </>
        )}
        {action === 'agree' && (
          <Form.Item name="agreement" label={t('med.agreement')} rules={required} extra={t('med.agreementHint')}>
            <Input.TextArea rows={5} maxLength={10_000} />
          </Form.Item>
        )}
        {action === 'agree' && note('note', 'med.note', false, 2)}
        {action === 'close' && outcomes(['failed', 'withdrawn'], 'medState')}
        {action === 'close' && note('note', 'med.note', false)}
        {action === 'filing' && (
          <Form.Item name="caseNo" label={t('med.caseNo')} rules={required}>
            <Input maxLength={100} placeholder={t('med.caseNoExample')} />
          </Form.Item>
        )}
        {action === 'filing' && courtDate('med.filedOn')}
        {action === 'courtOutcome' && outcomes(['court_mediated', 'judged', 'court_withdrawn'], 'medState')}
        {action === 'courtOutcome' && courtDate('med.decidedOn')}
        {action === 'courtOutcome' && note('note', 'med.note', false)}
      </Form>
    </ActionModal>
  );
}
