import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { exportUrl } from '../../api.ts';
import { formatCount, formatFen } from '../../format.ts';
import { canKeepFund, FUND, type FundOverview, type FundOverviewRow } from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { CustodyDialog } from './CustodyDialog.tsx';

/** 监管总览: every estate in the caller's region with its fund total, keeper, deposits and units to top up. */
export function FundOverviewView() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data, loading, reload } = useApi<FundOverview>(`${FUND}/fund-overview`);
  const [handing, setHanding] = useState<FundOverviewRow | null>(null);
  const rows = data?.estates ?? [];
  const keeper = canKeepFund(me);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('fund.overviewIntro')}</Typography.Text>
      <Row gutter={16} data-testid="fund-overview-totals">
        <Col span={8} data-testid="fund-region-total">
          <Statistic title={t('fund.regionTotal')} value={formatFen(data?.totalFen ?? 0)} loading={!data} />
        </Col>
        <Col span={5}>
          <Statistic title={t('fund.estateCount')} value={formatCount(rows.length)} loading={!data} />
        </Col>
        <Col span={5}>
          <Statistic
            title={t('fund.depositedUnits')}
            value={formatCount(rows.reduce((s, r) => s + r.deposited, 0))}
            loading={!data}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('fund.lowUnits')}
            value={formatCount(rows.reduce((s, r) => s + r.low, 0))}
            loading={!data}
          />
        </Col>
      </Row>
      <div style={{ textAlign: 'right' }}>
        {/* The server's spreadsheet, in the language chosen (the cookie goes along). */}
        <Button
          icon={<DownloadOutlined />}
          href={exportUrl(`${FUND}/fund-overview`, {}, 'xlsx')}
          disabled={!rows.length}
          data-testid="fund-overview-xlsx"
        >
          {t('fund.xlsx')}
        </Button>
      </div>
      <Table<FundOverviewRow>
        rowKey="estateId"
        size="middle"
        loading={loading && !data}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        data-testid="fund-overview"
        columns={[
          {
            title: t('fund.estate'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Space>
                <Link to={`/finance/fund/accounts?estateId=${r.estateId}`}>{name}</Link>
                <Typography.Text type="secondary">{r.code}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('fund.total'),
            dataIndex: 'totalFen',
            align: 'right',
            sorter: (a, b) => a.totalFen - b.totalFen,
            render: (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>,
          },
          {
            title: t('fund.custodian'),
            dataIndex: 'custodian',
            render: (c: string) => <Tag color={c === 'assembly' ? 'green' : 'blue'}>{label('custodian', c)}</Tag>,
          },
          { title: t('fund.depositedUnits'), dataIndex: 'deposited', align: 'right', render: formatCount },
          {
            title: t('fund.lowUnits'),
            dataIndex: 'low',
            align: 'right',
            sorter: (a, b) => a.low - b.low,
            render: (n: number) => (n > 0 ? <Tag color="orange">{formatCount(n)}</Tag> : '0'),
          },
          {
            title: t('fund.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Link to={`/finance/fund/accounts?estateId=${r.estateId}`}>{t('fund.open')}</Link>
                {keeper && r.custodian === 'authority' && (
                  <Button type="link" size="small" onClick={() => setHanding(r)} data-testid="handover">
                    {t('fund.handover')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
        summary={() =>
          rows.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <b>{t('fund.totalRow')}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <b style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="fund-overview-sum">
                  {formatFen(data?.totalFen ?? 0)}
                </b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={4} />
            </Table.Summary.Row>
          )
        }
      />
      {handing && (
        <CustodyDialog
          estateId={handing.estateId}
          estateName={handing.name}
          onClose={() => setHanding(null)}
          onDone={() => {
            setHanding(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}
