import { Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type CreditRecord, formatPoints } from '../../credit/types.ts';
import { useI18n, useLabel } from '../../i18n.tsx';

/** The item's Chinese (or English) name, or its code if the scheme has one the client does not know. */
export function useItemLabel() {
  const label = useLabel();
  return (code: string) => label('creditItem', code);
}

const STATE_COLOR: Record<CreditRecord['state'], string> = {
  pending: 'gold',
  approved: 'blue',
  rejected: 'default',
  withdrawn: 'default',
};
const OBJECTION_COLOR = { open: 'orange', upheld: 'green', dismissed: 'red' } as const;

/**
 * Credit records with the actions the viewer may take on each: a company's (newest first, with the project manager
 * a record names) or, `across` companies, the authorities' work list (with each record's company).
 */
export function RecordsTable(props: {
  records: CreditRecord[] | undefined;
  loading: boolean;
  actions?: (r: CreditRecord) => ReactNode;
  across?: boolean;
  emptyText?: string;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const itemLabel = useItemLabel();
  return (
    <Table<CreditRecord>
      rowKey="id"
      size="middle"
      data-testid="credit-records"
      loading={props.loading}
      dataSource={props.records ?? []}
      pagination={false}
      locale={{ emptyText: props.emptyText ?? t('credit.noRecords') }}
      columns={[
        ...(props.across ? [{ title: t('credit.company'), dataIndex: 'company' }] : []),
        { title: t('credit.item'), dataIndex: 'item', render: (v: string) => itemLabel(v) },
        ...(props.across
          ? []
          : [
              {
                title: t('credit.staff'),
                key: 'staff',
                render: (_: unknown, r: CreditRecord) => r.staff?.name ?? '—',
              },
            ]),
        {
          title: t('credit.points'),
          dataIndex: 'points',
          align: 'right',
          render: (v: number) => (
            <Typography.Text type={v < 0 ? 'danger' : v > 0 ? 'success' : undefined}>
              {v > 0 ? '+' : ''}
              {formatPoints(v)}
            </Typography.Text>
          ),
        },
        { title: t('credit.onDate'), dataIndex: 'onDate' },
        { title: t('credit.validUntil'), dataIndex: 'validUntil' },
        { title: t('credit.evidence'), dataIndex: 'evidence', ellipsis: true },
        { title: t('credit.source'), dataIndex: 'source', render: (v: string) => label('creditSource', v) },
        {
          title: t('credit.state'),
          dataIndex: 'state',
          render: (v: CreditRecord['state']) => <Tag color={STATE_COLOR[v]}>{label('creditState', v)}</Tag>,
        },
        {
          title: t('credit.objection'),
          key: 'objection',
          render: (_: unknown, r) =>
            r.objectionState ? (
              <Space direction="vertical" size={0}>
                <Tag color={OBJECTION_COLOR[r.objectionState]}>{label('objectionState', r.objectionState)}</Tag>
                <Typography.Text type="secondary">{r.objection}</Typography.Text>
                {r.objectionNote && <Typography.Text>{r.objectionNote}</Typography.Text>}
              </Space>
            ) : (
              '—'
            ),
        },
        ...(props.actions
          ? [
              {
                title: t('credit.actions'),
                key: 'actions',
                render: (_: unknown, r: CreditRecord) => props.actions?.(r),
              },
            ]
          : []),
      ]}
    />
  );
}
