import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { ImportResult, Job } from '../types.ts';
import { ImportReport } from './ImportReport.tsx';

type Mode = 'all' | 'valid_only';
const POLL_MS = 1000;

/**
 * 数据导入: upload a registry workbook; the server validates and imports it as a background job
 * whose progress we poll. "all" refuses the file when any row is invalid; "valid_only" skips those rows.
 */
export function Import() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all');
  const [job, setJob] = useState<Job | null>(null);
  const [ranMode, setRanMode] = useState<Mode>('all');
  const [submitting, setSubmitting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function poll(jobId: string) {
    try {
      const j = await api<Job>(`/api/v1/jobs/${jobId}`);
      setJob(j);
      if (j.status === 'queued' || j.status === 'running') timer.current = setTimeout(() => poll(jobId), POLL_MS);
    } catch {
      // The error was shown; stop polling rather than repeat it every second.
    }
  }

  async function start(withMode: Mode) {
    if (!file) return;
    setSubmitting(true);
    setJob(null);
    try {
      const form = new FormData();
      // The mode goes before the file: a streaming multipart reader sees fields in order.
      form.append('mode', withMode);
      form.append('file', file);
      const { jobId } = await api<{ jobId: string }>('/api/v1/imports', { method: 'POST', form });
      setRanMode(withMode);
      setJob({ id: jobId, status: 'queued', progress: null, result: null, error: null });
      poll(jobId);
    } catch {
      // api() has shown the server's message.
    } finally {
      setSubmitting(false);
    }
  }

  const running = job && (job.status === 'queued' || job.status === 'running');
  const p = job?.progress;
  const percent = job?.status === 'succeeded' ? 100 : p && p.total > 0 ? Math.floor((p.done * 100) / p.total) : 0;
  const result = (job?.status === 'succeeded' ? job.result : null) as ImportResult | null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('menu.import')}
        extra={
          <Button icon={<DownloadOutlined />} href="/api/v1/imports/template">
            {t('import.template')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false; // uploaded with the mode by start(), not by antd
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.formats')}</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 16 }} wrap>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Radio value="all">{t('import.modeAll')}</Radio>
            <Radio value="valid_only">{t('import.modeValidOnly')}</Radio>
          </Radio.Group>
          <Button type="primary" disabled={!file || !!running} loading={submitting} onClick={() => start(mode)}>
            {t('import.start')}
          </Button>
        </Space>
      </Card>
      {job && (
        <Card title={t('import.progress')}>
          <Progress percent={percent} status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'} />
          <Typography.Text type="secondary">
            {t(`import.status.${job.status}`)}
            {p?.message ? ` · ${p.message}` : ''}
            {p && p.total > 0 ? ` · ${p.done.toLocaleString()} / ${p.total.toLocaleString()}` : ''}
          </Typography.Text>
          {job.status === 'failed' && (
            <Alert type="error" showIcon title={job.error ?? t('import.failed')} style={{ marginTop: 12 }} />
          )}
          {result && (
            <ImportReport
              result={result}
              canRetryValidOnly={ranMode === 'all'}
              onRetryValidOnly={() => start('valid_only')}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
