import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { formatArea } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useI18n, useLabel } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

/** GET /api/v1/estates/summary: counted by the server over every estate the caller may see. */
interface Summary {
  estates: number;
  buildings: number;
  units: number;
  companies: number;
  /** 0.01 m² */
  totalArea: number;
  byMode: { key: string; n: number }[];
  byGrade: { key: string; n: number }[];
}

/** The home page: counts over the estates the caller may see, by management mode and by service grade. */
export function Dashboard() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data } = useApi<Summary>('/api/v1/estates/summary');
  if (!data) return <Skeleton active />;
  const count = (n: number) => n.toLocaleString('en-US');
  const share = (n: number) => Math.round((n * 100) / Math.max(data.estates, 1));
  const cards = [
    { title: t('dash.estates'), value: count(data.estates), link: '/registry' },
    { title: t('dash.buildings'), value: count(data.buildings) },
    { title: t('dash.units'), value: count(data.units) },
    { title: t('dash.companies'), value: count(data.companies) },
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
            {data.byMode.map(({ key, n }) => (
              <div key={key}>
                {label('mode', key)}
                <Progress percent={share(n)} format={() => n} />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dash.byGrade')}>
            {data.byGrade.map(({ key, n }) => (
              <div key={key}>
                {t('estate.gradeN', { n: key })}
                <Progress percent={share(n)} format={() => n} strokeColor="#52c41a" />
              </div>
            ))}
            <Typography.Text type="secondary">
              {t('dash.totalArea', { area: formatArea(data.totalArea) })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
