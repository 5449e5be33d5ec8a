import { Card, Col, Collapse, Progress, Row, Statistic, Table } from 'antd';
import { formatArea, formatCount } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { MATTERS, type Participation } from '../../voting/types.ts';

const pct = (part: number, whole: number) => (whole > 0 ? Math.floor((10_000 * part) / whole) / 100 : 0);

/** Live participation for canvassing: area and headcount that voted, by building, and who has not yet. */
export function ParticipationCard({ id, live }: { id: string; live: boolean }) {
  const { t } = useI18n();
  const { data, loading } = useApi<Participation>(`${MATTERS}/${id}/participation`);
  if (!data) return <Card loading={loading} title={t('vote.participation')} />;
  // Two thirds of both is the quorum: the bars turn green once it is reached.
  const bar = (part: number, whole: number) => {
    const p = pct(part, whole);
    return <Progress percent={p} status={3 * part >= 2 * whole ? 'success' : live ? 'active' : 'normal'} />;
  };
  return (
    <Card title={t('vote.participation')} data-testid="participation" style={{ marginTop: 16 }}>
      <Row gutter={32}>
        <Col xs={24} md={12}>
          <Statistic
            title={t('vote.byArea')}
            value={`${formatArea(data.votedArea)} / ${formatArea(data.area)}`}
            valueStyle={{ fontSize: 18 }}
          />
          {bar(data.votedArea, data.area)}
        </Col>
        <Col xs={24} md={12}>
          <Statistic
            title={t('vote.byPersons')}
            value={`${formatCount(data.votedPersons)} / ${formatCount(data.persons)}`}
            valueStyle={{ fontSize: 18 }}
          />
          {bar(data.votedPersons, data.persons)}
        </Col>
      </Row>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="buildingId"
        pagination={false}
        dataSource={data.buildings}
        data-testid="participation-buildings"
        columns={[
          { title: t('vote.building'), dataIndex: 'name' },
          { title: t('vote.area'), dataIndex: 'area', align: 'right', render: formatArea },
          { title: t('vote.votedArea'), dataIndex: 'votedArea', align: 'right', render: formatArea },
          { title: t('vote.persons'), dataIndex: 'persons', align: 'right' },
          { title: t('vote.votedPersons'), dataIndex: 'votedPersons', align: 'right' },
          {
            title: '%',
            key: 'p',
            width: 180,
            render: (_, b) => <Progress size="small" percent={pct(b.votedArea, b.area)} />,
          },
        ]}
      />
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'nv',
            label: t('vote.notVoted', { n: data.notVotedTotal ?? data.notVoted.length }),
            children: (
              <div style={{ maxHeight: 320, overflow: 'auto', columns: 4, fontSize: 12 }}>
                {data.notVoted.map((e) => (
                  <div key={e.units.join()}>{e.units.join('、')}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
