import { Card, Empty, Input, List, Space, Typography } from 'antd';
import { formatPoints } from '../credit/types.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { type CompanyHit, PUBLIC } from '../portal/types.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { GradeTag, ListTag, PublicShell } from './PublicShell.tsx';

/** 公开查询 (no sign-in): find a property company by name or credit code; each hit opens its public profile. */
export function PublicPortal() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = query.get('q')?.trim() ?? '';
  const hits = useApi<CompanyHit[]>(q ? `${PUBLIC}/companies?q=${encodeURIComponent(q)}` : null);
  const search = (text: string) =>
    navigate(text.trim() ? `/public?q=${encodeURIComponent(text.trim())}` : '/public', { replace: true });

  return (
    <PublicShell>
      <Typography.Title level={3} data-testid="portal-title">
        {t('portal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.intro')}</Typography.Paragraph>
      <Input.Search
        // A new query from the address bar (back, a shared link) shows in the box.
        key={q}
        defaultValue={q}
        size="large"
        allowClear
        maxLength={100}
        placeholder={t('portal.search')}
        enterButton={t('portal.searchButton')}
        onSearch={search}
        data-testid="portal-search"
        style={{ marginBottom: 16 }}
      />
      {q && (
        <Card size="small" data-testid="portal-results">
          {hits.data && hits.data.length === 0 ? (
            <Empty description={t('portal.noMatch')} />
          ) : (
            <List
              loading={hits.loading}
              header={hits.data && t('portal.found', { count: hits.data.length })}
              dataSource={hits.data ?? []}
              renderItem={(c) => (
                <List.Item data-testid="portal-hit">
                  <List.Item.Meta
                    title={<Link to={`/public/companies/${c.id}`}>{c.name}</Link>}
                    description={`${t('portal.uscc')} ${c.uscc}`}
                  />
                  <Space wrap>
                    <GradeTag grade={c.latest?.grade} />
                    {c.latest && (
                      <Typography.Text type="secondary">
                        {t('portal.latest', { period: c.latest.period, rank: c.latest.rank })} ·{' '}
                        {t('credit.pts', { n: formatPoints(c.latest.total) })}
                      </Typography.Text>
                    )}
                    {c.sanctions.map((s) => (
                      <ListTag key={`${s.kind}${s.period}`} kind={s.kind} />
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </PublicShell>
  );
}
