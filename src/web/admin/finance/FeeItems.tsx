import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { usePriceText } from '../../finance/components.tsx';
import { type FeeCap, type FeeItem, FINANCE } from '../../finance/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { canEditFees } from '../../roles.ts';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { FeeItemDialog } from './FeeItemDialog.tsx';

/** 收费项目: what an estate charges, each item's basis, price and the units it applies to. */
export function FeeItems({ estate }: { estate: Estate }) {
  const { t } = useI18n();
  const label = useLabel();
  const price = usePriceText();
  const { message } = App.useApp();
  const { me } = useSession();
  const editor = canEditFees(me);
  const items = useApi<FeeItem[]>(`${FINANCE}/estates/${estate.id}/fee-items`);
  const caps = useApi<FeeCap[]>(`${FINANCE}/fee-caps`);
  const cap = caps.data?.find((c) => c.grade === estate.serviceGrade) ?? null;
  // The item being edited, or 'new'.
  const [editing, setEditing] = useState<FeeItem | 'new' | null>(null);

  const setActive = async (item: FeeItem, active: boolean) => {
    try {
      await api(`${FINANCE}/fee-items/${item.id}`, { method: 'PATCH', body: { version: item.version, active } });
      message.success(active ? t('fin.activated') : t('fin.deactivated'));
    } catch {
      // api() showed why; after a 409 the reload shows the other person's change.
    }
    items.reload();
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="cap-hint">
          {t('estate.grade')} {t('estate.gradeN', { n: estate.serviceGrade })} ·{' '}
          {cap ? t('fin.capOf', { cap: price(cap.capFen, 'area_month') }) : t('fin.noCap')}
        </Typography.Text>
        {editor && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('fin.newItem')}
          </Button>
        )}
      </div>
      <Table<FeeItem>
        rowKey="id"
        size="small"
        loading={items.loading && !items.data}
        dataSource={items.data ?? []}
        pagination={false}
        data-testid="fee-items"
        columns={[
          {
            title: t('fin.itemName'),
            dataIndex: 'name',
            render: (name: string, i) => (
              <Space size={4}>
                {name}
                {i.serviceFee && <Tag color="blue">{t('fin.serviceFee')}</Tag>}
              </Space>
            ),
          },
          { title: t('fin.basis'), dataIndex: 'basis', width: 130, render: (b: string) => label('basis', b) },
          {
            title: t('fin.price'),
            width: 170,
            align: 'right',
            render: (_, i) => (
              <Space size={4}>
                {price(i.priceFen, i.basis)}
                {i.serviceFee && cap && i.priceFen > cap.capFen && (
                  <Tooltip title={i.exemption}>
                    <Tag color="orange">{t('fin.aboveCap')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('fin.uses'),
            dataIndex: 'uses',
            width: 200,
            render: (uses: string[]) => uses.map((u) => <Tag key={u}>{label('use', u)}</Tag>),
          },
          {
            title: t('fin.exemption'),
            dataIndex: 'exemption',
            ellipsis: true,
            render: (x: string | null) => x ?? '—',
          },
          {
            title: t('fin.status'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) => (a ? <Tag color="green">{t('fin.active')}</Tag> : <Tag>{t('fin.inactive')}</Tag>),
          },
          ...(editor
            ? [
                {
                  title: '',
                  width: 150,
                  render: (_: unknown, i: FeeItem) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setEditing(i)}>
                        {t('fin.edit')}
                      </Button>
                      {i.active ? (
                        <Popconfirm title={t('fin.deactivateConfirm')} onConfirm={() => setActive(i, false)}>
                          <Button size="small" danger>
                            {t('fin.deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" onClick={() => setActive(i, true)}>
                          {t('fin.activate')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <FeeItemDialog
          estateId={estate.id}
          item={editing === 'new' ? null : editing}
          cap={cap}
          grade={estate.serviceGrade}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            items.reload();
          }}
        />
      )}
    </>
  );
}
