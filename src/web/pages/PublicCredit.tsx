import { Alert, Card, Col, Empty, List, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { RankingTable, usePublishedPeriods, useRanking } from '../admin/credit/RankingTable.tsx';
import { ExportButtons } from '../components.tsx';
import type { CreditLists, ListEntry } from '../credit/types.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { PublicShell } from './PublicShell.tsx';

/**
 * 信用排名与红黑榜 (no sign-in): a published quarter's ranking, city-wide or within a district, and the red and
 * black lists in force today.
 */
export function PublicCredit() {
  const { t } = useI18n();
  const periods = usePublishedPeriods();
  const districts = useApi<{ id: string; name: string }[]>('/api/v1/public/credit/districts');
  const [chosen, setChosen] = useState<string | null>(null);
  const [district, setDistrict] = useState<string>('');
  const period = chosen ?? periods.data?.[0]?.period ?? null;
  const ranking = useRanking(period, district || null);
  const none = periods.data?.length === 0;
  const lists = useApi<CreditLists>('/api/v1/public/credit/lists');
  return (
    <PublicShell>
      <Typography.Title level={3} data-testid="public-title">
        {t('credit.publicTitle')}
      </Typography.Title>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <ListCard title={t('credit.red')} color="#cf1322" entries={lists.data?.red} testId="red-list" />
        </Col>
        <Col xs={24} md={12}>
          <ListCard title={t('credit.black')} color="#262626" entries={lists.data?.black} testId="black-list" />
        </Col>
      </Row>
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{t('credit.period')}</Typography.Text>
          <Select
            style={{ width: 140 }}
            value={period}
            onChange={setChosen}
            loading={periods.loading}
            options={(periods.data ?? []).map((p) => ({ value: p.period, label: p.period }))}
            data-testid="credit-period"
          />
          <Typography.Text>{t('credit.scope')}</Typography.Text>
          <Select
            style={{ width: 160 }}
            value={district}
            onChange={setDistrict}
            options={[
              { value: '', label: t('credit.wholeCity') },
              ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
            data-testid="credit-district"
          />
          {ranking.data && (
            <ExportButtons
              path={`/api/v1/public/credit/rankings/${ranking.data.period}`}
              params={{ district: ranking.data.district ? district : undefined }}
              testId="ranking"
            />
          )}
        </Space>
        {ranking.data && <RankingTable ranking={ranking.data} />}
        {none && <Alert type="info" showIcon title={t('credit.noPeriods')} />}
        {ranking.missing && <Alert type="info" showIcon title={t('credit.notPublished')} />}
        {!none && !ranking.data && !ranking.missing && <Skeleton active />}
      </Card>
    </PublicShell>
  );
}

function ListCard(props: { title: string; color: string; entries: ListEntry[] | undefined; testId: string }) {
  const { t } = useI18n();
  return (
    <Card title={<span style={{ color: props.color }}>{props.title}</span>} data-testid={props.testId}>
      {!props.entries ? (
        <Skeleton active />
      ) : props.entries.length ? (
        <List
          size="small"
          dataSource={props.entries}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta title={e.name} description={`${e.from} ${t('credit.until')} ${e.until} · ${e.reason}`} />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credit.listEmpty')} />
      )}
    </Card>
  );
}
