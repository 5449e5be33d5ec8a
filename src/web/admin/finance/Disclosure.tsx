import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type Quarter,
  quarterOf,
  SOURCES,
  type Statement,
  statementUrl,
  todayShanghai,
} from '../../finance/public-revenue.ts';
import { QuarterSwitch } from '../../finance/QuarterSwitch.tsx';
import { formatFen } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';

interface Movement {
  key: string;
  date: string;
  income: boolean;
  what: string;
  detail: string;
  fen: number;
  basis: string;
}

/** Both kinds of movement in date order, as the spreadsheet lists them. */
function movements(s: Statement, sourceLabel: (code: string) => string): Movement[] {
  return [
    ...s.incomes.map((i, n) => ({
      key: `i${n}`,
      date: i.date,
      income: true,
      what: `${sourceLabel(i.source)} · ${i.description}`,
      detail: i.costFen ? `${formatFen(i.grossFen)} − ${formatFen(i.costFen)}` : '',
      fen: i.netFen,
      basis: i.evidence,
    })),
    ...s.spendings.map((x, n) => ({
      key: `s${n}`,
      date: x.date,
      income: false,
      what: x.item,
      detail: x.description,
      fen: -x.amountFen,
      basis: x.approval,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || Number(b.income) - Number(a.income));
}

/** 季度公示: the quarter's opening and closing balance, income by source, every movement; downloadable. */
export function Disclosure({ estateId }: { estateId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const [q, setQ] = useState<Quarter>(() => quarterOf(todayShanghai()));
  const { data, loading } = useApi<Statement>(statementUrl(estateId, q));
  const s = data && !loading ? data : undefined;
  const figure = (testId: string, title: string, fen: number | undefined, color?: string) => (
    <Col xs={12} md={6} data-testid={testId}>
      <Statistic
        title={title}
        value={fen === undefined ? '' : formatFen(fen)}
        loading={fen === undefined}
        styles={color ? { content: { color } } : undefined}
      />
    </Col>
  );
  return (
    <div data-testid="pr-statement">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex align="center" gap={12}>
          <QuarterSwitch value={q} onChange={setQ} />
          {s && <Typography.Text type="secondary">{t('pr.period', { from: s.from, to: s.to })}</Typography.Text>}
        </Flex>
        <Button icon={<DownloadOutlined />} href={statementUrl(estateId, q, 'xlsx')} data-testid="pr-export">
          {t('pr.exportXlsx')}
        </Button>
      </Flex>
      <Row gutter={[16, 16]}>
        {figure('pr-opening', t('pr.opening'), s?.openingFen)}
        {figure('pr-income', t('pr.incomeNet'), s?.incomeNetFen, '#389e0d')}
        {figure('pr-spending', t('pr.spendingTotal'), s?.spendingFen, '#cf1322')}
        {figure('pr-closing', t('pr.closing'), s?.closingFen)}
      </Row>
      {s && Object.keys(s.bySource).length > 0 && (
        <Flex wrap gap={8} align="center" style={{ margin: '16px 0 0' }} data-testid="pr-by-source">
          <Typography.Text type="secondary">{t('pr.bySource')}</Typography.Text>
          {SOURCES.filter((k) => s.bySource[k]).map((k) => (
            <Tag key={k} color="green">
              {label('prSource', k)} {formatFen(s.bySource[k] as number)}
            </Tag>
          ))}
        </Flex>
      )}
      <Table<Movement>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="key"
        loading={!s}
        dataSource={s ? movements(s, (c) => label('prSource', c)) : []}
        pagination={false}
        locale={{ emptyText: t('pr.noMovement') }}
        data-testid="pr-movements"
        columns={[
          { title: t('pr.date'), dataIndex: 'date', width: 110 },
          {
            title: '',
            width: 70,
            render: (_, m) => (m.income ? <Tag color="green">{t('pr.in')}</Tag> : <Tag color="red">{t('pr.out')}</Tag>),
          },
          {
            title: t('pr.what'),
            render: (_, m) => (
              <>
                {m.what}
                {m.detail && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {m.detail}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('pr.amount'),
            dataIndex: 'fen',
            width: 140,
            align: 'right',
            render: (fen: number) => (
              <span style={{ color: fen < 0 ? '#cf1322' : '#389e0d' }}>
                {fen > 0 ? '+' : ''}
                {formatFen(fen)}
              </span>
            ),
          },
          { title: t('pr.approval'), dataIndex: 'basis', ellipsis: true },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('pr.disclosureNote')}
      </Typography.Paragraph>
    </div>
  );
}
