import { Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ExportButtons, LoadMore } from '../../components.tsx';
import { useCursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canMediate, DISPUTES, type Dispute, KINDS, LEVELS, type Period, STATES } from '../../mediation/types.ts';
import type { MessageKey } from '../../messages.ts';
import { useSession } from '../../session.tsx';
import { DisputeDrawer, StateTag } from './DisputeDrawer.tsx';
import { NewDisputeDialog } from './NewDisputeDialog.tsx';

/**
 * 矛盾纠纷调处台账: the region's disputes by state, type and level, brought in the page's period; a row opens the
 * dispute. It exports as filtered.
 */
export function LedgerTab({ tick, period, onChanged }: { tick: number; period: Period; onChanged(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const [filters, setFilters] = useState<{ state?: string; kind?: string; level?: string }>({});
  const [open, setOpen] = useState<Dispute | null>(null);
  const [adding, setAdding] = useState(false);
  const params = { ...filters, ...period };
  // `tick`: a change anywhere on the page reads the ledger again.
  const ledger = useCursorList<Dispute>(DISPUTES, params, 50, tick);
  const filter = (key: keyof typeof filters, codes: readonly string[], group: string, all: MessageKey, id: string) => (
    <Select
      allowClear
      placeholder={t(all)}
      style={{ width: 150 }}
      value={filters[key]}
      onChange={(v) => setFilters((f) => ({ ...f, [key]: v }))}
      options={codes.map((c) => ({ value: c, label: label(group, c) }))}
      data-testid={id}
    />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          {filter('state', STATES, 'medState', 'med.allStates', 'filter-state')}
          {filter('kind', KINDS, 'medKind', 'med.allKinds', 'filter-kind')}
          {filter('level', LEVELS, 'medLevel', 'med.allLevels', 'filter-level')}
        </Space>
        <Space>
          <ExportButtons path={DISPUTES} params={params} testId="med-ledger" />
          {canMediate(me) && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('med.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<Dispute>
        rowKey="id"
        size="middle"
        loading={ledger.loading && !ledger.items.length}
        dataSource={ledger.items}
        locale={{ emptyText: t('med.empty') }}
        pagination={false}
        onRow={(d) => ({ onClick: () => setOpen(d), style: { cursor: 'pointer' } })}
        data-testid="med-ledger"
        columns={[
          {
            title: t('med.createdAt'),
            dataIndex: 'createdAt',
            width: 110,
            render: (v: string) => new Date(v).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
          },
          { title: t('med.estate'), dataIndex: 'estate' },
          { title: t('med.kind'), dataIndex: 'kind', render: (k: string) => label('medKind', k) },
          { title: t('med.applicant'), dataIndex: 'applicant' },
          { title: t('med.respondent'), dataIndex: 'respondent' },
          { title: t('med.level'), dataIndex: 'level', render: (l: string) => <Tag>{label('medLevel', l)}</Tag> },
          { title: t('med.state'), dataIndex: 'state', render: (_, d) => <StateTag state={d.state} /> },
          { title: t('med.caseNo'), dataIndex: 'caseNo', render: (v: string | null) => v ?? '' },
          {
            title: t('med.actions'),
            key: 'open',
            width: 80,
            render: (_, d) => (
              <Button size="small" type="link" onClick={() => setOpen(d)}>
                {t('med.details')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore
        hasMore={ledger.hasMore}
        loading={ledger.loading}
        onMore={ledger.loadMore}
        count={ledger.items.length}
      />
      <DisputeDrawer id={open?.id ?? null} estate={open?.estate} onClose={() => setOpen(null)} onChanged={onChanged} />
      {adding && (
        <NewDisputeDialog
          onClose={() => setAdding(false)}
          onDone={(d, estate) => {
            setAdding(false);
            onChanged();
            setOpen({ ...d, estate });
          }}
        />
      )}
    </>
  );
}
