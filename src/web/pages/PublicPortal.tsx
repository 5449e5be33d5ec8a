import { Card, Empty, Input, List, Segmented, Space, Typography } from 'antd';
import { formatPoints } from '../credit/types.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { type CompanyHit, type EstateHit, PUBLIC } from '../portal/types.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { GradeTag, ListTag, PublicShell, StarsBadge } from './PublicShell.tsx';

type Mode = 'companies' | 'estates';

/**
 * 公开查询 (no sign-in): find a property company by name or credit code, each hit opening its public profile; or an
 * estate by name or address, with its company and star rating, each opening its rectification progress.
 */
export function PublicPortal() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = query.get('q')?.trim() ?? '';
  const mode: Mode = query.get('in') === 'estates' ? 'estates' : 'companies';
  const go = (m: Mode, text: string) => {
    const params = new URLSearchParams();
    if (text.trim()) params.set('q', text.trim());
    if (m === 'estates') params.set('in', 'estates');
    const s = params.toString();
    navigate(s ? `/public?${s}` : '/public', { replace: true });
  };

  return (
    <PublicShell>
      <Typography.Title level={3} data-testid="portal-title">
        {t('portal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.intro')}</Typography.Paragraph>
      <Segmented<Mode>
        value={mode}
        onChange={(m) => go(m, q)}
        options={[
          { value: 'companies', label: t('portal.modeCompanies') },
          { value: 'estates', label: t('portal.modeEstates') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="portal-mode"
      />
      <Input.Search
        // A new query from the address bar (back, a shared link) shows in the box.
        key={`${mode}:${q}`}
        defaultValue={q}
        size="large"
        allowClear
        maxLength={100}
        placeholder={t(mode === 'estates' ? 'portal.searchEstates' : 'portal.search')}
        enterButton={t('portal.searchButton')}
        onSearch={(text) => go(mode, text)}
        data-testid="portal-search"
        style={{ marginBottom: 16 }}
      />
      {q && mode === 'companies' && <CompanyHits q={q} />}
      {q && mode === 'estates' && <EstateHits q={q} />}
    </PublicShell>
  );
}

function CompanyHits({ q }: { q: string }) {
  const { t } = useI18n();
  const hits = useApi<CompanyHit[]>(`${PUBLIC}/companies?q=${encodeURIComponent(q)}`);
  return (
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
  );
}

function EstateHits({ q }: { q: string }) {
  const { t } = useI18n();
  const hits = useApi<EstateHit[]>(`${PUBLIC}/estates?q=${encodeURIComponent(q)}`);
  return (
    <Card size="small" data-testid="portal-results">
      {hits.data && hits.data.length === 0 ? (
        <Empty description={t('portal.noEstateMatch')} />
      ) : (
        <List
          loading={hits.loading}
          header={hits.data && t('portal.foundEstates', { count: hits.data.length })}
          dataSource={hits.data ?? []}
          renderItem={(e) => (
            <List.Item data-testid="estate-hit">
              <List.Item.Meta
                title={<Link to={`/public/estates/${e.id}`}>{e.name}</Link>}
                description={[e.street, e.address].filter(Boolean).join(' · ')}
              />
              <Space direction="vertical" size={4} align="end">
                {e.companyId ? (
                  <Link to={`/public/companies/${e.companyId}`}>{e.company}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('portal.noManager')}</Typography.Text>
                )}
                <StarsBadge stars={e.stars} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
