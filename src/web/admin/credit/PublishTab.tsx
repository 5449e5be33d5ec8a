import { Alert, App, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { LoadMore } from '../../components.tsx';
import {
  CREDIT,
  type CreditSettings,
  formatPoints,
  parsePoints,
  recentQuarters,
  type SavedBase,
} from '../../credit/types.ts';
import { useApi, useCursorList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Company } from '../../types.ts';
import { ActionModal } from '../finance/ActionModal.tsx';
import { RankingTable, useRanking } from './RankingTable.tsx';

/**
 * 季度发布 for the city: records drawn from the quarter's work-order figures, its 基础信息分 company by company
 * (optional: a company left out scores 0; what is saved shows beside), then publication, refused by the server while
 * an objection is open, and the published ranking.
 */
export function PublishTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const quarters = recentQuarters(8);
  const [period, setPeriod] = useState(quarters[0]);
  const ranking = useRanking(period);
  const settings = useApi<CreditSettings>(`${CREDIT}/settings`);
  const [bases, setBases] = useState<Record<string, string>>({});
  // Any company of the city may get a base score: found by name or USCC, a page at a time.
  const [q, setQ] = useState('');
  const companies = useCursorList<Company>('/api/v1/companies', { q: q.trim() || undefined });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const saved = useApi<SavedBase[]>(ranking.missing ? `${CREDIT}/bases/${period}` : null);
  const savedOf = new Map((saved.data ?? []).map((b) => [b.companyId, b]));
  const [drawn, setDrawn] = useState<{ period: string; companies: number; recorded: number } | null>(null);
  const baseMax = settings.data?.scheme.baseMax ?? 8000;

  const choose = (p: string) => {
    setPeriod(p);
    setBases({});
    setDrawn(null);
  };
  const invalid = Object.entries(bases).filter(([, v]) => {
    if (!v.trim()) return false;
    const n = parsePoints(v);
    return n === null || n > baseMax;
  });
  const saveBases = async () => {
    const rows = Object.entries(bases)
      .filter(([, v]) => v.trim())
      .map(([companyId, v]) => ({ companyId, points: parsePoints(v) as number }));
    if (!rows.length) return;
    setBusy(true);
    try {
      await api(`${CREDIT}/bases/${period}`, { method: 'PUT', body: { bases: rows } });
      message.success(t('credit.basesSaved', { count: rows.length }));
      setBases({});
      saved.reload();
    } catch {
      // shown by api()
    } finally {
      setBusy(false);
    }
  };
  /** Made once per quarter by the server: a second run records 0, and says so. */
  const draw = async () => {
    setBusy(true);
    try {
      setDrawn(await api(`${CREDIT}/periods/${period}/workorder-records`, { method: 'POST' }));
    } catch {
      // shown by api()
    } finally {
      setBusy(false);
    }
  };
  /** In a dialog: a refusal (objections still open, say) stays there with the server's reason. */
  const publish = async () => {
    await api(`${CREDIT}/periods/${period}/publish`, { method: 'POST', quiet: true });
    message.success(t('credit.published', { period }));
    setConfirming(false);
    ranking.reload();
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('credit.period')}</Typography.Text>
        <Select
          style={{ width: 140 }}
          value={period}
          onChange={choose}
          options={quarters.map((q) => ({ value: q, label: q }))}
          data-testid="credit-period"
        />
      </Space>
      {ranking.data && <RankingTable ranking={ranking.data} />}
      {ranking.missing && (
        <>
          <Alert type="info" showIcon title={t('credit.notPublished')} style={{ marginBottom: 16 }} />
          <Typography.Title level={5}>{t('credit.drawWorkorders')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('credit.drawHint')}</Typography.Paragraph>
          <Space style={{ marginBottom: 16 }} wrap>
            <Button onClick={draw} loading={busy}>
              {t('credit.drawWorkorders')}
            </Button>
            {drawn?.period === period && (
              <Alert type="success" showIcon title={t('credit.drawn', drawn)} data-testid="credit-drawn" />
            )}
          </Space>
          <Typography.Title level={5}>{t('credit.bases')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('credit.basesHint', { max: baseMax / 100 })}</Typography.Paragraph>
          <Input.Search
            allowClear
            style={{ width: 320, marginBottom: 12 }}
            placeholder={t('credit.findCompany')}
            onSearch={setQ}
            data-testid="credit-bases-search"
          />
          <Table<Company>
            rowKey="id"
            size="small"
            pagination={false}
            loading={companies.loading && !companies.items.length}
            dataSource={companies.items}
            data-testid="credit-bases"
            columns={[
              { title: t('credit.company'), dataIndex: 'name' },
              {
                title: t('credit.savedBase'),
                key: 'saved',
                width: 200,
                render: (_: unknown, c) => {
                  const b = savedOf.get(c.id);
                  if (!b) return <Typography.Text type="secondary">{t('credit.notSaved')}</Typography.Text>;
                  return `${t('credit.pts', { n: formatPoints(b.points) })}${b.note ? `（${b.note}）` : ''}`;
                },
              },
              {
                title: t('credit.bases'),
                key: 'points',
                width: 180,
                render: (_: unknown, c) => (
                  <Input
                    value={bases[c.id] ?? ''}
                    status={invalid.some(([id]) => id === c.id) ? 'error' : undefined}
                    onChange={(e) => setBases((b) => ({ ...b, [c.id]: e.target.value }))}
                    suffix={t('credit.unit')}
                    aria-label={`${c.name} ${t('credit.bases')}`}
                  />
                ),
              },
            ]}
          />
          <LoadMore
            hasMore={companies.hasMore}
            loading={companies.loading}
            onMore={companies.loadMore}
            count={companies.items.length}
          />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={saveBases} loading={busy} disabled={invalid.length > 0}>
              {t('credit.saveBases')}
            </Button>
            <Button type="primary" onClick={() => setConfirming(true)}>
              {t('credit.publish')}
            </Button>
          </Space>
          {confirming && (
            <ActionModal
              title={t('credit.publish')}
              onOk={publish}
              onClose={() => setConfirming(false)}
              errorId="publish-error"
            >
              {t('credit.publishConfirm', { period })}
            </ActionModal>
          )}
        </>
      )}
    </>
  );
}
