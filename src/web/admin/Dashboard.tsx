import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { formatArea } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { Estate, Page } from '../types.ts';

/**
 * Counts over the estates the caller may see. For now one page of up to 200 estates (the server's
 * page limit); a rollup endpoint will replace this when cities are larger than that.
 */
export function Dashboard() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data, loading } = useApi<Page<Estate>>('/api/v1/estates?limit=200');
  if (loading && !data) return <Skeleton active />;
  const estates = data?.items ?? [];
  const partial = !!data?.nextCursor;
  const sum = (f: (e: Estate) => number) => estates.reduce((n, e) => n + f(e), 0);
  const companies = new Set(estates.map((e) => e.companyId).filter(Boolean)).size;
  const countBy = (key: (e: Estate) => string) => {
    const counts = new Map<string, number>();
    for (const e of estates) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
    return [...counts.entries()].sort();
  };
  const plus = partial ? '+' : '';

  const cards = [
    { title: t('dash.estates'), value: `${estates.length}${plus}`, link: '/registry' },
    { title: t('dash.buildings'), value: `${sum((e) => e.buildingCount)}${plus}` },
    { title: t('dash.units'), value: `${sum((e) => e.unitCount).toLocaleString('en-US')}${plus}` },
    { title: t('dash.companies'), value: `${companies}${plus}` },
  ];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('dash.welcome', { name: me?.displayName ?? '' })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col xs={12} lg={6} key={c.title}>
            <Card>
              <Statistic title={c.link ? <Link to={c.link}>{c.title}</Link> : c.title} value={c.value} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card title={t('dash.byMode')}>
            {countBy((e) => e.managementMode).map(([mode, n]) => (
              <div key={mode}>
                {label('mode', mode)}
                <Progress percent={Math.round((n * 100) / Math.max(estates.length, 1))} format={() => n} />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dash.byGrade')}>
            {countBy((e) => String(e.serviceGrade)).map(([grade, n]) => (
              <div key={grade}>
                {t('estate.gradeN', { n: grade })}
                <Progress
                  percent={Math.round((n * 100) / Math.max(estates.length, 1))}
                  format={() => n}
                  strokeColor="#52c41a"
                />
              </div>
            ))}
            <Typography.Text type="secondary">
              {t('dash.totalArea', { area: formatArea(sum((e) => e.totalArea)) })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
