import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatFen, formatTime } from '../../format.ts';
import { canApplyFundUse, FUND_USES, type FundUseState, type FundUseSummary } from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { NewFundUse } from './NewFundUse.tsx';

export const STATE_COLOR: Record<FundUseState, string> = {
  draft: 'default',
  voting: 'processing',
  approved: 'cyan',
  rejected: 'error',
  contracted: 'blue',
  accepted: 'geekblue',
  disbursed: 'success',
  cancelled: 'default',
};

/** 使用申请: an estate's applications to use the fund, newest first; the applicants start a new one here. */
export function FundUses({ estate }: { estate: Estate }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data, loading } = useApi<FundUseSummary[]>(`${FUND_USES}?estateId=${estate.id}`);
  const [creating, setCreating] = useState(false);
  const open = (id: string) => navigate(`/finance/fund/uses/${id}`);

  return (
    <>
      {canApplyFundUse(me) && (
        <div style={{ textAlign: 'right', marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('fund.newUse')}
          </Button>
        </div>
      )}
      <Table<FundUseSummary>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data ?? []}
        pagination={(data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('fund.noUses') }}
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        data-testid="fund-uses"
        columns={[
          {
            title: t('fund.project'),
            dataIndex: 'project',
            render: (p: string, r) => (
              <Space>
                <Link to={`/finance/fund/uses/${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {p}
                </Link>
                {r.emergency && <Tag color="red">{label('emergency', r.emergency)}</Tag>}
              </Space>
            ),
          },
          {
            title: t('fund.budget'),
            dataIndex: 'budgetFen',
            align: 'right',
            render: (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>,
          },
          { title: t('fund.scope'), dataIndex: 'scopeKind', render: (k: string) => label('scope', k) },
          {
            title: t('fund.state'),
            dataIndex: 'state',
            render: (s: FundUseState) => <Tag color={STATE_COLOR[s]}>{label('fundState', s)}</Tag>,
          },
          { title: t('fund.appliedAt'), dataIndex: 'createdAt', render: (at: string) => formatTime(at, lang) },
        ]}
      />
      {creating && <NewFundUse estate={estate} onClose={() => setCreating(false)} onCreated={open} />}
    </>
  );
}
