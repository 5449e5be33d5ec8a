import { Rate, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LangSwitch } from '../components.tsx';
import { useI18n } from '../i18n.tsx';
import type { Stars } from '../portal/types.ts';
import { Link, useLocation } from '../router.tsx';

export { GradeTag } from '../credit/score.tsx';

/** 星级评定 in force: the stars (read only) and until when; or that the estate has none. */
export function StarsBadge({ stars }: { stars: Stars }) {
  const { t } = useI18n();
  if (!stars)
    return (
      <Typography.Text type="secondary" data-testid="stars">
        {t('portal.noStarsYet')}
      </Typography.Text>
    );
  return (
    <Space size={4} data-testid="stars">
      <Rate disabled value={stars.stars} style={{ fontSize: 14 }} />
      <Typography.Text>{t('portal.starsLine', { n: stars.stars, until: stars.validUntil })}</Typography.Text>
    </Space>
  );
}

/** Red or black list, by its colour. */
export function ListTag({ kind }: { kind: 'red' | 'black' }) {
  const { t } = useI18n();
  return <Tag color={kind === 'red' ? 'red' : '#262626'}>{t(kind === 'red' ? 'credit.red' : 'credit.black')}</Tag>;
}

/** The public pages' frame (no sign-in): the platform's name, the portal's pages, the language, the way in. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const nav = [
    {
      to: '/public',
      label: t('portal.navSearch'),
      active: path === '/public' || /^\/public\/(companies|estates)\//.test(path),
    },
    { to: '/public/credit', label: t('portal.navCredit'), active: path === '/public/credit' },
  ];
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, marginBottom: 12 }}
      >
        <Space size="large" wrap>
          <Typography.Text strong>{t('app.name')}</Typography.Text>
          <nav data-testid="public-nav">
            <Space size="middle">
              {nav.map((n) => (
                <Link key={n.to} to={n.to} style={n.active ? { fontWeight: 600 } : undefined}>
                  {n.label}
                </Link>
              ))}
            </Space>
          </nav>
        </Space>
        <Space>
          <Link to="/login">{t('portal.navLogin')}</Link>
          <LangSwitch size="small" />
        </Space>
      </div>
      {children}
    </div>
  );
}
