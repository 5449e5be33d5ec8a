import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useYuanRules, YuanInput } from '../../finance/components.tsx';
import {
  canDecideRefunds,
  canRequestRefunds,
  type Refund,
  type RefundState,
  type UnitAccount,
} from '../../finance/fees.ts';
import { FINANCE } from '../../finance/types.ts';
import { formatFen, formatTime, parseYuan, yuanText } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Estate, Page, Unit } from '../../types.ts';
import { ActionModal } from './ActionModal.tsx';

const STATE_COLOR: Record<RefundState, string> = { requested: 'gold', refunded: 'green', rejected: 'default' };

/**
 * 退款: refunds of a unit's prepayment, in two hands. The desk requests one; a company administrator or project
 * manager other than the requester approves it, and only then is the money booked out. The request shows what the
 * chosen unit holds and offers it as the amount; refusals (approving one's own request, the till or the bank
 * account running short) show the server's reason in the dialog.
 */
export function Refunds({ estate }: { estate: Estate }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const list = useApi<Refund[]>(`${FINANCE}/estates/${estate.id}/refunds`);
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ refund: Refund; approve: boolean } | null>(null);
  const approver = canDecideRefunds(me);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <Typography.Text type="secondary">{t('refund.intro')}</Typography.Text>
        {canRequestRefunds(me) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
            {t('refund.new')}
          </Button>
        )}
      </div>
      <Table<Refund>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('refund.none') }}
        scroll={{ x: 1100 }}
        data-testid="refunds-table"
        columns={[
          {
            title: t('refund.requestedAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (at: string) => formatTime(at, lang),
          },
          { title: t('refund.unit'), dataIndex: 'unit', width: 100 },
          {
            title: t('refund.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            width: 110,
            render: (fen: number) => formatFen(fen),
          },
          {
            title: t('refund.channel'),
            dataIndex: 'channel',
            width: 90,
            render: (c: string) => label('payChannel', c),
          },
          { title: t('refund.reason'), dataIndex: 'reason' },
          {
            title: t('refund.state'),
            dataIndex: 'state',
            width: 150,
            render: (s: RefundState, r) => (
              <Space size={4}>
                <Tag color={STATE_COLOR[s]}>{label('refundState', s)}</Tag>
                {r.requestedBy === me?.id && <Tag>{t('refund.mine')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('refund.people'),
            key: 'people',
            width: 220,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="refund-requested-by">
                  {t('refund.requestedBy', { name: r.requestedByName ?? '—' })}
                </span>
                {r.decidedByName && (
                  <Typography.Text type="secondary" data-testid="refund-decided-by">
                    {t('refund.decidedBy', { name: r.decidedByName })}
                  </Typography.Text>
                )}
                {r.decidedNote && (
                  <Typography.Text type="secondary" data-testid="refund-note">
                    {t('refund.noteLine', { note: r.decidedNote })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(approver
            ? [
                {
                  title: '',
                  key: 'decide',
                  width: 130,
                  render: (_: unknown, r: Refund) =>
                    r.state === 'requested' && (
                      <Space size={4}>
                        <Button size="small" type="primary" onClick={() => setDeciding({ refund: r, approve: true })}>
                          {t('refund.approve')}
                        </Button>
                        <Button size="small" danger onClick={() => setDeciding({ refund: r, approve: false })}>
                          {t('refund.reject')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {requesting && (
        <RequestDialog
          estateId={estate.id}
          onClose={() => setRequesting(false)}
          onDone={() => {
            setRequesting(false);
            list.reload();
          }}
        />
      )}
      {deciding && (
        <DecisionDialog
          {...deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            list.reload();
          }}
          onStale={list.reload}
        />
      )}
    </Space>
  );
}

/** Pages of the estate's units offered for a refund, at 200 a page: enough for 4,000 units. */
const MAX_UNIT_PAGES = 20;
const byLabel = new Intl.Collator('zh-CN', { numeric: true });

/** The estate's units as options, "1号楼 101", in order. */
function useUnitOptions(estateId: string) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const found: { value: string; label: string }[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < MAX_UNIT_PAGES; n++) {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await api<Page<Unit>>(`/api/v1/units?estateId=${estateId}&limit=200${after}`);
        for (const u of page.items) found.push({ value: u.id, label: `${u.buildingName} ${u.number}` });
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      if (live) setOptions(found.sort((a, b) => byLabel.compare(a.label, b.label)));
    })().catch(() => {
      // api() showed why.
    });
    return () => {
      live = false;
    };
  }, [estateId]);
  return options;
}

interface RequestFields {
  unitId: string;
  amount: string;
  channel: 'cash' | 'transfer';
  reason: string;
}

function RequestDialog(props: { estateId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const yuanRules = useYuanRules();
  const units = useUnitOptions(props.estateId);
  const [form] = Form.useForm<RequestFields>();
  const unitId = Form.useWatch('unitId', form);
  // What the chosen unit holds: shown, offered as the amount, and the most that may be asked for.
  const account = useApi<UnitAccount>(unitId ? `${FINANCE}/units/${unitId}/account` : null);
  const held = account.data?.unitId === unitId ? account.data : undefined;
  useEffect(() => {
    if (held) form.setFieldValue('amount', held.prepaymentFen > 0 ? yuanText(held.prepaymentFen) : '');
  }, [held, form]);
  const amountRules = [
    ...yuanRules,
    {
      validator: async (_: unknown, v: string | undefined) => {
        const fen = parseYuan(v ?? '');
        if (held && fen !== null && fen > held.prepaymentFen)
          throw new Error(t('refund.overHeld', { amount: formatFen(held.prepaymentFen) }));
      },
    },
  ];
  const submit = async () => {
    const v = await form.validateFields();
    await api(`${FINANCE}/refunds`, {
      quiet: true,
      body: {
        unitId: v.unitId,
        amountFen: parseYuan(v.amount) as number,
        channel: v.channel,
        reason: v.reason.trim(),
      },
    });
    message.success(t('refund.requested'));
    props.onDone();
  };
  return (
    <ActionModal title={t('refund.new')} onOk={submit} onClose={props.onClose} errorId="refund-error">
      <Form<RequestFields>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'transfer' }}
        data-testid="refund-form"
      >
        <Form.Item name="unitId" label={t('refund.unit')} rules={[{ required: true, message: t('fees.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('refund.unitPick')}
            options={units}
            loading={!units.length}
            data-testid="refund-unit"
          />
        </Form.Item>
        {held && (
          <Alert
            type={held.prepaymentFen > 0 ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="refund-held"
            title={
              held.prepaymentFen > 0
                ? t('refund.held', { amount: formatFen(held.prepaymentFen) })
                : t('refund.noneHeld')
            }
            description={
              held.owedFen > 0 &&
              t('refund.heldOwing', { amount: formatFen(held.owedFen), since: held.oldestUnpaid ?? '' })
            }
          />
        )}
        <Form.Item name="amount" label={t('refund.amount')} extra={t('refund.amountHint')} rules={amountRules}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="channel" label={t('refund.channel')}>
          <Radio.Group
            optionType="button"
            options={(['transfer', 'cash'] as const).map((c) => ({ value: c, label: label('payChannel', c) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('refund.reason')}
          rules={[{ required: true, whitespace: true, message: t('fees.required') }, { max: 500 }]}
        >
          <Input placeholder={t('refund.reasonHint')} autoComplete="off" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

function DecisionDialog(props: { refund: Refund; approve: boolean; onClose(): void; onDone(): void; onStale(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const { refund: r, approve } = props;
  const amount = formatFen(r.amountFen);
  const submit = async () => {
    const v = await form.validateFields();
    const next = await api<Refund>(`${FINANCE}/refunds/${r.id}/decision`, {
      quiet: true,
      body: { version: r.version, approve, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    }).catch((e) => {
      // Decided by someone else meanwhile: the list shows it.
      props.onStale();
      throw e;
    });
    message.success(
      next.state === 'refunded' ? t('refund.approved', { amount: formatFen(next.amountFen) }) : t('refund.rejected'),
    );
    props.onDone();
  };
  return (
    <ActionModal
      title={t(approve ? 'refund.approveTitle' : 'refund.rejectTitle', { unit: r.unit, amount })}
      okText={t(approve ? 'refund.approve' : 'refund.reject')}
      danger={!approve}
      onOk={submit}
      onClose={props.onClose}
      errorId="refund-decision-error"
    >
      {approve && (
        <Typography.Paragraph>
          {t('refund.approveQ', { amount, channel: label('payChannel', r.channel) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">
        {t('refund.reason')}：{r.reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="refund-decision-form">
        <Form.Item name="note" label={t('refund.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
