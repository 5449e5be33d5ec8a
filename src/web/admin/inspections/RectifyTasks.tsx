import { CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api.ts';
import { useCursorList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { evidenceUrl, type Notice, SUPERVISION } from '../../inspections/types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';
import { NoticeDetails, PhotoThumbs } from './NoticeDetails.tsx';
import { NoticeTable } from './NoticeTable.tsx';

/** 整改任务 for the company: the notices on its estates, by deadline; an issued or reopened one is answered here. */
export function RectifyTasks() {
  const { t } = useI18n();
  const notices = useCursorList<Notice>(`${SUPERVISION}/rectifications`, {});
  const [answering, setAnswering] = useState<Notice | null>(null);
  return (
    <Card title={t('menu.rectifyTasks')}>
      <Typography.Paragraph type="secondary">{t('insp.tasksIntro')}</Typography.Paragraph>
      <NoticeTable
        list={notices}
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
          onClose={() => {
            setAnswering(null);
            // Evidence may have been added without answering.
            notices.reload();
          }}
          onDone={() => {
            setAnswering(null);
            notices.reload();
          }}
        />
      )}
    </Card>
  );
}

/**
 * The notice as issued (with the inspector's photos) and, while it is the company's turn, its evidence photos and
 * answer. Photos are kept as soon as they are uploaded; the answer sends them for re-inspection.
 */
function AnswerDialog(props: { notice: Notice; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const [evidence, setEvidence] = useState(props.notice.evidence);
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const n = props.notice;
  const open = n.state === 'issued' || n.state === 'reopened';
  // This round's photos go with the answer; earlier rounds' are shown with the notice.
  const current = evidence.filter((e) => e.round === n.rounds);
  const upload = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    setUploading(true);
    try {
      const added = await api<{ id: string; round: number }>(`${SUPERVISION}/rectifications/${n.id}/evidence`, {
        form: body,
      });
      setEvidence((es) => [...es, added]);
      message.success(t('insp.evidenceUploaded'));
    } catch {
      // api() has shown why (not a JPEG or PNG, too large).
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`${SUPERVISION}/rectification-evidence/${id}`, { method: 'DELETE' });
      setEvidence((es) => es.filter((e) => e.id !== id));
      message.success(t('insp.photoRemoved'));
    } catch {
      // api() has shown why (the notice was answered meanwhile).
    }
  };
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
      <NoticeDetails n={open ? { ...n, evidence: evidence.filter((e) => e.round !== n.rounds) } : n} />
      {open && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} data-testid="answer-form">
          <Form.Item
            name="answer"
            label={t('insp.answerText')}
            rules={[{ required: true, whitespace: true, message: t('insp.required') }]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('insp.answerHint')} />
          </Form.Item>
          <Form.Item label={t('insp.evidence')} extra={t('insp.evidenceHint')}>
            <Space wrap align="start">
              <PhotoThumbs
                ids={current.map((e) => e.id)}
                url={evidenceUrl}
                testId="evidence-upload"
                onRemove={remove}
              />
              <Button icon={<CameraOutlined />} loading={uploading} onClick={() => input.current?.click()}>
                {t('insp.addEvidence')}
              </Button>
              <input
                ref={input}
                type="file"
                accept="image/jpeg,image/png"
                hidden
                data-testid="evidence-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) upload(f);
                }}
              />
            </Space>
          </Form.Item>
        </Form>
      )}
    </ActionModal>
  );
}
