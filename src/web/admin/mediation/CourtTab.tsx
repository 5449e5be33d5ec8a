import { App, Button, Checkbox, Divider, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { LoadMore } from '../../components.tsx';
import { useCursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { DISPUTES, type Dispute, REFERRALS } from '../../mediation/types.ts';
import type { Action } from './ActionDialog.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { StateTag } from './DisputeDrawer.tsx';

/**
 * 诉调对接: tick unsettled disputes and refer them to one court in a batch; then record each one's case number when
 * the court files it (立案) and how the court ended it.
 */
export function CourtTab({ tick, onChanged }: { tick: number; onChanged(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [withOpen, setWithOpen] = useState(false);
  const toRefer = useCursorList<Dispute>(DISPUTES, { state: withOpen ? ['failed', 'open'] : ['failed'] }, 200, tick);
  const inCourt = useCursorList<Dispute>(DISPUTES, { state: ['referred', 'filed'] }, 200, tick);
  const [selected, setSelected] = useState<string[]>([]);
  const [court, setCourt] = useState('');
  const [busy, setBusy] = useState(false);
  const [acting, setActing] = useState<{ dispute: Dispute; action: Action } | null>(null);
  const chosen = selected.filter((id) => toRefer.items.some((d) => d.id === id));

  const refer = async () => {
    setBusy(true);
    try {
      const r = await api<{ referred: number }>(REFERRALS, { body: { disputeIds: chosen, court: court.trim() } });
      message.success(t('med.referred', { count: r.referred, court: court.trim() }));
      setSelected([]);
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  const common = [
    { title: t('med.estate'), dataIndex: 'estate' },
    { title: t('med.kind'), dataIndex: 'kind', render: (k: string) => label('medKind', k) },
    { title: t('med.applicant'), dataIndex: 'applicant' },
    { title: t('med.respondent'), dataIndex: 'respondent' },
    { title: t('med.level'), dataIndex: 'level', render: (l: string) => label('medLevel', l) },
    { title: t('med.state'), dataIndex: 'state', render: (_: unknown, d: Dispute) => <StateTag state={d.state} /> },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('med.courtIntro')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('med.toRefer')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Checkbox checked={withOpen} onChange={(e) => setWithOpen(e.target.checked)}>
          {t('med.includeOpen')}
        </Checkbox>
        <Input
          style={{ width: 260 }}
          placeholder={t('med.courtPlaceholder')}
          aria-label={t('med.courtName')}
          maxLength={200}
          value={court}
          onChange={(e) => setCourt(e.target.value)}
          data-testid="referral-court"
        />
        <Button type="primary" disabled={!chosen.length || !court.trim()} loading={busy} onClick={refer}>
          {t('med.refer', { count: chosen.length })}
        </Button>
      </Space>
      <Table<Dispute>
        rowKey="id"
        size="small"
        loading={toRefer.loading && !toRefer.items.length}
        dataSource={toRefer.items}
        pagination={false}
        locale={{ emptyText: t('med.empty') }}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys as string[]) }}
        columns={common}
        data-testid="to-refer"
      />
      <LoadMore
        hasMore={toRefer.hasMore}
        loading={toRefer.loading}
        onMore={toRefer.loadMore}
        count={toRefer.items.length}
      />
      <Divider />
      <Typography.Title level={5}>{t('med.inCourt')}</Typography.Title>
      <Table<Dispute>
        rowKey="id"
        size="small"
        loading={inCourt.loading && !inCourt.items.length}
        dataSource={inCourt.items}
        pagination={false}
        locale={{ emptyText: t('med.inCourtEmpty') }}
        data-testid="in-court"
        columns={[
          ...common,
          { title: t('med.court'), dataIndex: 'court' },
          { title: t('med.caseNo'), dataIndex: 'caseNo', render: (v: string | null) => v ?? '' },
          {
            title: t('med.actions'),
            key: 'act',
            render: (_, d) => {
              const action: Action = d.state === 'referred' ? 'filing' : 'courtOutcome';
              return (
                <Button size="small" onClick={() => setActing({ dispute: d, action })}>
                  {t(action === 'filing' ? 'med.file' : 'med.courtOutcome')}
                </Button>
              );
            },
          },
        ]}
      />
      <LoadMore
        hasMore={inCourt.hasMore}
        loading={inCourt.loading}
        onMore={inCourt.loadMore}
        count={inCourt.items.length}
      />
      {acting && (
        <ActionDialog
          dispute={acting.dispute}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
