import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ExportButtons, LoadMore } from '../../components.tsx';
import { formatTime } from '../../format.ts';
import { useCursorList } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import type { MessageKey } from '../../messages.ts';
import { canRegisterTickets } from '../../roles.ts';
import { useSession } from '../../session.tsx';
import { TICKETS, transition } from '../../workorders/api.ts';
import { responsibleText, SlaTag, StateTag } from '../../workorders/components.tsx';
import type { TicketSummary } from '../../workorders/types.ts';
import { NewTicket } from './NewTicket.tsx';
import { TicketDrawer } from './TicketDrawer.tsx';

const STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'waiting_resident',
  'escalation_requested',
  'whistled',
  'department_handling',
  'resolved',
  'verified',
  'closed',
  'rejected',
  'merged',
  'out_of_scope',
];

/**
 * The work queue (工单): filters, SLA countdown, bulk accept, exports. The street and department desks are the
 * same queue with a preset state filter.
 */
export function Queue({ title, preset = [] }: { title: MessageKey; preset?: string[] }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [state, setState] = useState<string[]>(preset);
  const [flags, setFlags] = useState<string[]>(preset.length ? [] : ['open']);
  const [q, setQ] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [registering, setRegistering] = useState(false);
  const { me } = useSession();
  // The desks (preset filters) are for handling; registering a caller's ticket starts from the full queue.
  const canRegister = !preset.length && canRegisterTickets(me);
  const params = {
    state,
    open: flags.includes('open') ? 'true' : undefined,
    overdue: flags.includes('overdue') ? 'true' : undefined,
    mine: flags.includes('mine') ? 'true' : undefined,
    q,
    sort: 'due',
  };
  const list = useCursorList<TicketSummary>(TICKETS, params);
  const byId = new Map(list.items.map((x) => [x.id, x]));
  const acceptable = selected.filter((id) => byId.get(id)?.state === 'submitted');

  const bulkAccept = async () => {
    setBusy(true);
    let n = 0;
    try {
      for (const id of acceptable) {
        await transition(id, { action: 'accept' }).then(
          () => n++,
          () => {},
        );
      }
      message.success(t('wo.bulkDone', { n }));
      setSelected([]);
      list.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t(title)}
      extra={
        <Space>
          {canRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('wo.register')}
            </Button>
          )}
          <ExportButtons path={TICKETS} params={params} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('wo.filterState')}
          value={state}
          onChange={setState}
          style={{ minWidth: 220 }}
          options={STATES.map((s) => ({ value: s, label: label('woState', s) }))}
          data-testid="state-filter"
        />
        <Checkbox.Group
          value={flags}
          onChange={(v) => setFlags(v as string[])}
          options={[
            { value: 'open', label: t('wo.filterOpen') },
            { value: 'overdue', label: t('wo.filterOverdue') },
            { value: 'mine', label: t('wo.filterMine') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('wo.search')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 260 }}
        />
        <Button type="primary" disabled={!acceptable.length} loading={busy} onClick={bulkAccept}>
          {t('wo.bulkAccept', { n: acceptable.length })}
        </Button>
      </Space>
      <Table<TicketSummary>
        rowKey="id"
        size="middle"
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1200 }}
        data-testid="ticket-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: r.state !== 'submitted' }),
        }}
        onRow={(r) => ({
          // The selection checkbox selects; anywhere else on the row opens the ticket.
          onClick: (e) => {
            if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) setOpenId(r.id);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('wo.number'),
            dataIndex: 'number',
            width: 150,
            render: (n: string) => <Typography.Link>{n}</Typography.Link>,
          },
          { title: t('wo.state'), dataIndex: 'state', width: 120, render: (s: string) => <StateTag state={s} /> },
          { title: t('wo.due'), width: 150, render: (_, r) => <SlaTag ticket={r} /> },
          { title: t('wo.path'), dataIndex: 'categoryName', width: 120 },
          { title: t('wo.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('wo.estate'),
            width: 180,
            ellipsis: true,
            render: (_, r) => `${r.estateName}${r.placeText ? ` · ${r.placeText}` : ''}`,
          },
          { title: t('wo.responsible'), width: 160, ellipsis: true, render: (_, r) => responsibleText(r, label) },
          { title: t('wo.assignee'), dataIndex: 'assigneeName', width: 100, render: (a: string | null) => a ?? '—' },
          {
            title: t('wo.priority'),
            dataIndex: 'priority',
            width: 80,
            render: (p: string) => label('woPriority', p),
          },
          {
            title: t('wo.submittedAt'),
            dataIndex: 'submittedAt',
            width: 170,
            render: (s: string) => formatTime(s, lang),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} count={list.items.length} />
      <TicketDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => list.reload()} />
      {registering && (
        <NewTicket
          onClose={() => setRegistering(false)}
          onCreated={(id) => {
            setRegistering(false);
            list.reload();
            setOpenId(id);
          }}
        />
      )}
    </Card>
  );
}
