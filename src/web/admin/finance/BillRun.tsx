import { Alert, Button, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { type BillRunResult, FINANCE } from '../../finance/types.ts';
import { formatFen } from '../../format.ts';
import { useJob } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Estate } from '../../types.ts';

type Scope = 'estate' | 'all';

/**
 * 出账: bills a period for this estate or every estate of the company, as a background job whose progress is
 * followed here. Running a period again adds only the bills still missing, so a retry is safe.
 */
export function BillRun({
  estate,
  period,
  several,
  onDone,
}: {
  estate: Estate;
  period: string;
  several: boolean;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('estate');
  const [run, setRun] = useState<{ jobId: string; period: string } | null>(null);
  const [starting, setStarting] = useState(false);
  const job = useJob(run?.jobId ?? null);
  const running = !!run && (!job || job.status === 'queued' || job.status === 'running');
  const result = job?.status === 'succeeded' ? (job.result as BillRunResult) : null;

  useEffect(() => {
    if (job?.status === 'succeeded') onDone();
  }, [job?.status, onDone]);

  const start = async () => {
    setStarting(true);
    try {
      const { jobId } = await api<{ jobId: string }>(`${FINANCE}/bill-runs`, {
        body: { period, ...(scope === 'estate' ? { estateId: estate.id } : {}) },
      });
      setRun({ jobId, period });
    } catch {
      // api() has shown the server's reason.
    } finally {
      setStarting(false);
    }
  };

  const p = job?.progress;
  const percent = result ? 100 : p?.total ? Math.floor((p.done * 100) / p.total) : 0;
  return (
    <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: 16 }}>
      <Space wrap size={16}>
        <Typography.Text strong>{t('run.title')}</Typography.Text>
        <Radio.Group
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          options={[
            { value: 'estate', label: estate.name },
            // One estate needs no choice; several may be billed in one run.
            ...(several ? [{ value: 'all', label: t('run.allEstates') }] : []),
          ]}
        />
        <Button type="primary" loading={starting || running} onClick={start} data-testid="run-bills">
          {t('run.start', { period })}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('run.hint')}
      </Typography.Paragraph>
      {run && (
        <div style={{ marginTop: 12 }} data-testid="run-progress">
          <Progress
            percent={percent}
            status={job?.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
          />
          {running && (
            <Typography.Text type="secondary">
              {p ? t('run.progress', { done: p.done, total: p.total }) : t('run.queued')}
            </Typography.Text>
          )}
          {result && (
            <Alert
              type="success"
              showIcon
              data-testid="run-result"
              title={
                result.bills
                  ? t('run.done', { period: run.period, bills: result.bills, amount: formatFen(result.fen) })
                  : t('run.nothingNew', { period: run.period })
              }
            />
          )}
          {job?.status === 'failed' && <Alert type="error" showIcon title={job.error ?? t('run.failed')} />}
        </div>
      )}
    </div>
  );
}
