import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { scoreColumns } from '../credit/score.tsx';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { type CompanyProfile, PUBLIC, percentOfBp, type Rectification } from '../portal/types.ts';
import { Link } from '../router.tsx';
import { GradeTag, ListTag, PublicShell, StarsBadge } from './PublicShell.tsx';

/** A company's public profile (no sign-in): its grade, every published quarter, its listings, its estates. */
export function PublicCompany({ id }: { id: string }) {
  const { t } = useI18n();
  const { data: c, failed } = useApi<CompanyProfile>(`${PUBLIC}/companies/${id}`);
  const latest = c?.history[0];
  return (
    <PublicShell>
      <Link to="/public">← {t('portal.back')}</Link>
      {failed && <Alert type="warning" showIcon title={t('portal.notFound')} style={{ marginTop: 16 }} />}
      {!c && !failed && <Skeleton active />}
      {c && (
        <>
          <Typography.Title level={3} data-testid="company-name">
            {c.name}
          </Typography.Title>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="company-profile">
            <Descriptions.Item label={t('portal.uscc')}>{c.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('portal.grade')}>
              <Space size={4}>
                <GradeTag grade={latest?.grade} />
                <Typography.Text type="secondary">
                  {latest ? t('portal.latest', { period: latest.period, rank: latest.rank }) : t('portal.unratedHint')}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('portal.history')} style={{ marginTop: 16 }}>
            <Table
              rowKey="period"
              size="small"
              pagination={false}
              dataSource={c.history}
              locale={{ emptyText: t('portal.unratedHint') }}
              data-testid="company-history"
              columns={[
                { title: t('credit.period'), dataIndex: 'period' },
                { title: t('credit.rank'), dataIndex: 'rank' },
                ...scoreColumns(t),
              ]}
            />
          </Card>
          <Card size="small" title={t('portal.sanctions')} style={{ marginTop: 16 }}>
            <Table
              rowKey={(s) => `${s.kind}${s.period}`}
              size="small"
              pagination={false}
              dataSource={c.sanctions}
              locale={{ emptyText: t('portal.noSanctions') }}
              data-testid="company-sanctions"
              columns={[
                { title: t('portal.list'), dataIndex: 'kind', render: (k: 'red' | 'black') => <ListTag kind={k} /> },
                { title: t('credit.period'), dataIndex: 'period' },
                { title: t('credit.from'), dataIndex: 'from' },
                { title: t('credit.until'), dataIndex: 'until' },
                { title: t('credit.listReason'), dataIndex: 'reason' },
              ]}
            />
          </Card>
          <EstatesCard estates={c.estates} />
        </>
      )}
    </PublicShell>
  );
}

function EstatesCard({ estates }: { estates: CompanyProfile['estates'] }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const estateId = chosen ?? estates[0]?.id ?? null;
  return (
    <Card size="small" title={t('portal.estates')} style={{ marginTop: 16 }} data-testid="company-estates">
      {estates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noEstates')} />
      ) : (
        <>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 320, marginBottom: 16 }}
            aria-label={t('portal.pickEstate')}
            value={estateId}
            onChange={setChosen}
            options={estates.map((e) => ({ value: e.id, label: e.name, title: e.address }))}
            data-testid="portal-estate"
          />
          {estateId && <EstateRectification id={estateId} />}
        </>
      )}
    </Card>
  );
}

/**
 * 整改进度: problems inspections found in an estate, how many are rectified, open, overdue, and the rate; and the
 * estate's star rating in force.
 */
export function EstateRectification({ id }: { id: string }) {
  const { t } = useI18n();
  const { data: r, failed } = useApi<Rectification>(`${PUBLIC}/estates/${id}/rectification`);
  if (failed) return <Alert type="warning" showIcon title={t('portal.estateNotFound')} />;
  if (!r || r.estateId !== id) return <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <div data-testid="rectification">
      <Typography.Title level={5}>{t('portal.rectTitle', { name: r.name })}</Typography.Title>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('portal.stars')}</Typography.Text>
        <StarsBadge stars={r.stars} />
      </Space>
      {r.found === 0 ? (
        <Typography.Text type="secondary">{t('portal.noProblems')}</Typography.Text>
      ) : (
        <Row gutter={16}>
          <Col span={5}>
            <Statistic title={t('portal.found.count')} value={r.found} data-testid="rect-found" />
          </Col>
          <Col span={5}>
            <Statistic title={t('portal.rectified')} value={r.rectified} data-testid="rect-rectified" />
          </Col>
          <Col span={5}>
            <Statistic title={t('portal.open')} value={r.open} data-testid="rect-open" />
          </Col>
          <Col span={4}>
            <Statistic
              title={t('portal.overdue')}
              value={r.overdue}
              styles={{ content: r.overdue ? { color: '#cf1322' } : undefined }}
              data-testid="rect-overdue"
            />
          </Col>
          <Col span={5}>
            <Statistic
              title={t('portal.rate')}
              value={r.rateBp === null ? '—' : percentOfBp(r.rateBp)}
              data-testid="rect-rate"
            />
          </Col>
        </Row>
      )}
    </div>
  );
}

/** /public/estates/:id: one estate's rectification progress, to link to. */
export function PublicEstate({ id }: { id: string }) {
  return (
    <PublicShell>
      <Card>
        <EstateRectification id={id} />
      </Card>
    </PublicShell>
  );
}
