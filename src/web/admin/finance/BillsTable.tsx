import { Button, Col, Input, Row, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { usePriceText, useUnitLabels } from '../../finance/components.tsx';
import { type Bill, type EstateBills, owed } from '../../finance/types.ts';
import { formatArea, formatCount, formatFen } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { canTakePayments } from '../../roles.ts';
import { useSession } from '../../session.tsx';
import { DeskPayment, type PayingUnit } from './DeskPayment.tsx';

const byLabel = new Intl.Collator('zh-CN', { numeric: true });

/** A period's bills: the totals (应收, 已收, 欠费), a filter by unit, and 收款 at the desk from a row. */
export function BillsTable({
  estateId,
  period,
  data,
  loading,
  unpaid,
  onUnpaid,
  onPaid,
}: {
  estateId: string;
  period: string;
  data: EstateBills | undefined;
  loading: boolean;
  unpaid: boolean;
  onUnpaid(v: boolean): void;
  onPaid(): void;
}) {
  const { t } = useI18n();
  const price = usePriceText();
  const { me } = useSession();
  const unitLabel = useUnitLabels(estateId);
  const [search, setSearch] = useState('');
  const [paying, setPaying] = useState<PayingUnit | null>(null);
  const [y, m] = period.split('-').map(Number);
  const monthDays = new Date(y, m, 0).getDate();

  const rows = useMemo(
    () =>
      (data?.items ?? [])
        .map((b) => ({ ...b, label: unitLabel(b.unitId) }))
        .filter((b) => b.label.includes(search.trim()))
        .sort((a, b) => byLabel.compare(a.label, b.label) || a.item.localeCompare(b.item)),
    [data, unitLabel, search],
  );
  // What a unit owes over the listed bills: the desk's default amount.
  const owedBy = (unitId: string) =>
    (data?.items ?? []).filter((b) => b.unitId === unitId).reduce((s, b) => s + owed(b), 0);

  return (
    <>
      <Row gutter={16} data-testid="bill-totals">
        <Col span={6}>
          <Statistic title={t('bill.count')} value={formatCount(data?.count ?? 0)} loading={!data} />
        </Col>
        <Col span={6}>
          <Statistic title={t('bill.receivable')} value={formatFen(data?.amountFen ?? 0)} loading={!data} />
        </Col>
        <Col span={6}>
          <Statistic title={t('bill.received')} value={formatFen(data?.paidFen ?? 0)} loading={!data} />
        </Col>
        <Col span={6} data-testid="total-owed">
          <Statistic
            title={t('bill.owed')}
            value={formatFen(data ? data.amountFen - data.paidFen : 0)}
            loading={!data}
            styles={{ content: { color: '#cf1322' } }}
          />
        </Col>
      </Row>
      <Space wrap style={{ margin: '16px 0 12px' }}>
        <Input.Search allowClear placeholder={t('bill.search')} onSearch={setSearch} style={{ width: 240 }} />
        <Space size={6}>
          <Switch checked={unpaid} onChange={onUnpaid} data-testid="unpaid-only" />
          {t('bill.unpaidOnly')}
        </Space>
        {data && data.count > data.items.length && (
          <Typography.Text type="secondary">
            {t('bill.firstN', { n: data.items.length, count: formatCount(data.count) })}
          </Typography.Text>
        )}
      </Space>
      <Table<Bill & { label: string }>
        rowKey="id"
        size="small"
        loading={loading && !data}
        dataSource={rows}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        locale={{ emptyText: t('bill.none', { period }) }}
        data-testid="bills-table"
        columns={[
          { title: t('bill.unit'), dataIndex: 'label', width: 130 },
          { title: t('bill.item'), dataIndex: 'item' },
          {
            title: t('bill.basis'),
            render: (_, b) => (
              <Space size={4}>
                {b.area !== null && `${formatArea(b.area)} ×`}
                {price(b.priceFen, b.basis)}
                {b.basis !== 'one_off' && b.days < monthDays && <Tag>{t('bill.days', { n: b.days })}</Tag>}
              </Space>
            ),
          },
          {
            title: t('bill.amount'),
            dataIndex: 'amountFen',
            width: 120,
            align: 'right',
            sorter: (a, b) => a.amountFen - b.amountFen,
            render: formatFen,
          },
          {
            title: t('bill.paid'),
            dataIndex: 'paidFen',
            width: 120,
            align: 'right',
            render: formatFen,
          },
          {
            title: t('bill.status'),
            width: 90,
            render: (_, b) =>
              owed(b) === 0 ? (
                <Tag color="green">{t('bill.settled')}</Tag>
              ) : b.paidFen > 0 ? (
                <Tag color="orange">{t('bill.partly')}</Tag>
              ) : (
                <Tag color="red">{t('bill.unpaid')}</Tag>
              ),
          },
          ...(canTakePayments(me)
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, b: Bill & { label: string }) =>
                    owed(b) > 0 && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setPaying({ id: b.unitId, label: b.label, owedFen: owedBy(b.unitId) })}
                      >
                        {t('desk.take')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {paying && <DeskPayment unit={paying} onClose={() => setPaying(null)} onPaid={onPaid} />}
    </>
  );
}
