import { DownloadOutlined, NotificationOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Col,
  DatePicker,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { exportUrl } from '../../api.ts';
import { thisPeriod } from '../../finance/components.tsx';
import {
  type ArrearsAging,
  type ArrearsSettings,
  type ArrearsUnit,
  BUCKETS,
  type BucketKey,
  canCollectArrears,
  canManageArrears,
  type Defaulter,
  monthsBetween,
} from '../../finance/fees.ts';
import { FINANCE } from '../../finance/types.ts';
import { formatCount, formatFen } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { DefaulterDialog, RemindDialog, SettingsDialog, WrittenNoticeDialog } from './ArrearsDialogs.tsx';
import { DefaultersDrawer } from './Defaulters.tsx';

type Dialog =
  | { kind: 'settings' }
  | { kind: 'remind' }
  | { kind: 'list' }
  | { kind: 'notice'; unit: ArrearsUnit }
  | { kind: 'defaulter'; unit: ArrearsUnit };

const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fen ? formatFen(fen) : '—'}</span>;

/**
 * 欠费: the estate's unpaid bills by unit and age as of a month, with the 违约金 the contract's clause allows (shown,
 * never billed); 催缴 from here — reminders to every owner in arrears, a written reminder delivered to one, and the
 * non-payer list once the estate's due process is done (the server says what is missing). Each unit shows the
 * written reminders delivered and whether it is on the list; the list itself opens in a drawer, where a unit is
 * taken off with a reason.
 */
export function Arrears({ estate }: { estate: Estate }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { path, query } = useLocation();
  const [asOf, setAsOf] = useState(query.get('asOf') ?? thisPeriod());
  const base = `${FINANCE}/estates/${estate.id}/arrears`;
  const aging = useApi<ArrearsAging>(`${base}?asOf=${asOf}`);
  const settings = useApi<ArrearsSettings>(`${FINANCE}/estates/${estate.id}/arrears-settings`);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const collect = canCollectArrears(me);
  const manage = canManageArrears(me);
  const defaulters = useApi<Defaulter[]>(collect ? `${FINANCE}/estates/${estate.id}/defaulters` : null);
  const onList = defaulters.data?.filter((d) => !d.removedOn).length ?? 0;
  const closeAndReload = () => {
    setDialog(null);
    aging.reload();
    defaulters.reload();
  };
  const data = aging.data;
  const late = data?.lateFee ?? null;
  const minMonths = settings.data?.minMonths ?? 6;

  const choose = (p: string) => {
    setAsOf(p);
    navigate(`${path}?estateId=${estate.id}&asOf=${p}`, { replace: true });
  };
  const rows = useMemo(() => (data?.units ?? []).filter((u) => u.label.includes(search.trim())), [data, search]);
  const bucketTitle = (k: BucketKey) => t(`bucket.${k}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12 }}>
        <Space>
          <Typography.Text>{t('arr.asOf')}</Typography.Text>
          <DatePicker
            picker="month"
            format="YYYY-MM"
            allowClear={false}
            value={dayjs(`${asOf}-01`)}
            onChange={(d) => d && choose(d.format('YYYY-MM'))}
            data-testid="arrears-as-of"
          />
          <Typography.Text type="secondary">{t('arr.asOfHint')}</Typography.Text>
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={exportUrl(base, { asOf }, 'xlsx')} data-testid="arrears-xlsx">
            {t('arr.xlsx')}
          </Button>
          {collect && (
            <Badge count={onList} size="small" color="red">
              <Button icon={<StopOutlined />} onClick={() => setDialog({ kind: 'list' })} data-testid="defaulters-open">
                {t('arr.list')}
              </Button>
            </Badge>
          )}
          {collect && (
            <Button icon={<NotificationOutlined />} onClick={() => setDialog({ kind: 'remind' })}>
              {t('arr.remind')}
            </Button>
          )}
          {manage && (
            <Button
              icon={<SettingOutlined />}
              onClick={() => setDialog({ kind: 'settings' })}
              disabled={!settings.data}
              data-testid="arrears-settings"
            >
              {t('arr.settings')}
            </Button>
          )}
        </Space>
      </div>

      <Row gutter={16} data-testid="arrears-totals">
        <Col xs={12} md={4} data-testid="arrears-total">
          <Statistic title={t('arr.total')} value={formatFen(data?.totalFen ?? 0)} loading={!data} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('arr.units')} value={formatCount(data?.units.length ?? 0)} loading={!data} />
        </Col>
        {BUCKETS.map((k) => (
          <Col xs={12} md={4} key={k} data-testid={`arrears-${k}`}>
            <Statistic title={bucketTitle(k)} value={formatFen(data?.totals[k] ?? 0)} loading={!data} />
          </Col>
        ))}
      </Row>

      {data &&
        (late ? (
          <Alert
            type="warning"
            showIcon
            data-testid="late-fee"
            title={t('arr.lateFeeTotal', { amount: formatFen(late.totalFen) })}
            description={
              <>
                <div>
                  {t('arr.lateFeeRule', {
                    clause: late.clause,
                    bp: late.bpPerDay,
                    grace: late.graceDays,
                    asOf: late.asOf,
                  })}
                </div>
                <Typography.Text strong>{t('arr.lateFeeShownOnly')}</Typography.Text>
              </>
            }
          />
        ) : (
          <Typography.Text type="secondary" data-testid="no-late-fee">
            {t('arr.noLateFee')}
          </Typography.Text>
        ))}
      {settings.data && (
        <Typography.Text type="secondary" data-testid="due-process">
          {t('arr.dueProcess', { months: settings.data.minMonths, notices: settings.data.writtenNotices })}
        </Typography.Text>
      )}

      <Input.Search
        placeholder={t('arr.search')}
        allowClear
        onSearch={setSearch}
        style={{ width: 300 }}
        data-testid="arrears-search"
      />
      <Table<ArrearsUnit>
        rowKey="unitId"
        size="small"
        loading={aging.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('arr.shown', { n }) }}
        locale={{ emptyText: t('arr.none', { asOf }) }}
        scroll={{ x: 1100 }}
        data-testid="arrears-table"
        columns={[
          {
            title: t('arr.unit'),
            dataIndex: 'label',
            fixed: 'left',
            width: 150,
            render: (label: string, u) => (
              <Space size={4} wrap>
                {label}
                {u.listed && (
                  <Tag color="red" data-testid="listed-tag">
                    {t('arr.listedTag')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('arr.oldest'),
            dataIndex: 'oldest',
            width: 170,
            render: (oldest: string) => {
              const n = monthsBetween(oldest, asOf);
              return (
                <Space size={4}>
                  {oldest}
                  {n > 0 && <Tag color={n >= minMonths ? 'red' : 'orange'}>{t('arr.months', { n })}</Tag>}
                </Space>
              );
            },
          },
          ...BUCKETS.map((k) => ({
            title: bucketTitle(k),
            key: k,
            align: 'right' as const,
            render: (_: unknown, u: ArrearsUnit) => money(u.buckets[k]),
          })),
          {
            title: t('arr.rowTotal'),
            dataIndex: 'totalFen',
            align: 'right',
            render: (fen: number) => <b>{money(fen)}</b>,
          },
          {
            title: t('arr.writtenCount'),
            dataIndex: 'writtenNotices',
            width: 100,
            align: 'right',
            render: (n: number) => (
              <Typography.Text type={n ? undefined : 'secondary'} data-testid="written-count">
                {t('arr.writtenN', { n })}
              </Typography.Text>
            ),
          },
          ...(late
            ? [
                {
                  title: t('arr.lateFee'),
                  dataIndex: 'lateFeeFen',
                  align: 'right' as const,
                  render: (fen: number) => <span data-testid="unit-late-fee">{money(fen)}</span>,
                },
              ]
            : []),
          ...(collect
            ? [
                {
                  title: t('arr.actions'),
                  key: 'actions',
                  width: 230,
                  render: (_: unknown, u: ArrearsUnit) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setDialog({ kind: 'notice', unit: u })}>
                        {t('arr.written')}
                      </Button>
                      {manage && (
                        <Tooltip title={u.listed ? t('arr.alreadyListed') : undefined}>
                          <Button
                            size="small"
                            danger
                            disabled={u.listed}
                            onClick={() => setDialog({ kind: 'defaulter', unit: u })}
                          >
                            {t('arr.defaulter')}
                          </Button>
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />

      {dialog?.kind === 'settings' && settings.data && (
        <SettingsDialog
          estateId={estate.id}
          settings={settings.data}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            settings.reload();
            aging.reload();
          }}
          onStale={settings.reload}
        />
      )}
      {dialog?.kind === 'remind' && <RemindDialog estateId={estate.id} asOf={asOf} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'notice' && (
        <WrittenNoticeDialog unit={dialog.unit} onClose={() => setDialog(null)} onDone={closeAndReload} />
      )}
      {dialog?.kind === 'defaulter' && (
        <DefaulterDialog
          unit={dialog.unit}
          settings={settings.data}
          onClose={() => setDialog(null)}
          onDone={closeAndReload}
        />
      )}
      {dialog?.kind === 'list' && (
        <DefaultersDrawer
          entries={defaulters.data}
          loading={defaulters.loading}
          manage={manage}
          onClose={() => setDialog(null)}
          onChanged={() => {
            aging.reload();
            defaulters.reload();
          }}
        />
      )}
    </Space>
  );
}
