import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type Notice, SUPERVISION } from '../../inspections/types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';
import { NoticeDetails } from './NoticeDetails.tsx';
import { NoticeTable } from './NoticeTable.tsx';

/** 整改任务 for the company: the notices on its estates, by deadline; an issued or reopened one is answered here. */
export function RectifyTasks() {
  const { t } = useI18n();
  const notices = useApi<Notice[]>(`${SUPERVISION}/rectifications`);
  const [answering, setAnswering] = useState<Notice | null>(null);
  return (
    <Card title={t('menu.rectifyTasks')}>
      <Typography.Paragraph type="secondary">{t('insp.tasksIntro')}</Typography.Paragraph>
      <NoticeTable
        notices={notices.data}
        loading={notices.loading}
        actions={(n) => (
          <Button
            size="small"
            type={n.state === 'issued' || n.state === 'reopened' ? 'primary' : 'default'}
            onClick={() => setAnswering(n)}
          >
            {t(n.state === 'issued' || n.state === 'reopened' ? 'insp.answerIt' : 'insp.open')}
          </Button>
        )}
      />
      {answering && (
        <AnswerDialog
          notice={answering}
          onClose={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            notices.reload();
          }}
        />
      )}
    </Card>
  );
}

/** The notice as issued (with the inspector's photos) and, while it is the company's turn, its answer. */
function AnswerDialog(props: { notice: Notice; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const n = props.notice;
  const open = n.state === 'issued' || n.state === 'reopened';
  const submit = async () => {
    if (!open) return props.onClose();
    const v = await form.validateFields();
    await api(`${SUPERVISION}/rectifications/${n.id}/answer`, {
      quiet: true,
      body: { version: n.version, answer: v.answer.trim() },
    });
    message.success(t('insp.answered'));
    props.onDone();
  };
  return (
    <ActionModal
      title={`${t('insp.notice')} ${n.noticeNo}`}
      okText={open ? t('insp.answerIt') : undefined}
      onOk={submit}
      onClose={props.onClose}
      errorId="answer-error"
    >
      {n.state === 'reopened' && n.reinspection && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('insp.previousReinspection')}：${n.reinspection}`}
        />
      )}
      <NoticeDetails n={n} />
      {open && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} data-testid="answer-form">
          <Form.Item
            name="answer"
            label={t('insp.answerText')}
            rules={[{ required: true, whitespace: true, message: t('insp.required') }]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('insp.answerHint')} />
          </Form.Item>
        </Form>
      )}
    </ActionModal>
  );
}
