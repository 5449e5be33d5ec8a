import { BankOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useUnitLabels } from '../../finance/components.tsx';
import { formatCount, formatFen, formatTime } from '../../format.ts';
import { canKeepFund, type EstateFund, FUND } from '../../fund/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n, useLabel } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { CustodyDialog } from './CustodyDialog.tsx';
import { DepositDialog } from './DepositDialog.tsx';
import { FundLedger } from './FundLedger.tsx';

const byLabel = new Intl.Collator('zh-CN', { numeric: true });

/**
 * 资金账户: one estate's fund — its total, who keeps it and in which account, how many units have made their
 * initial deposit, and those below 30 % of it (to top up). The housing authority books deposits and hands the fund
 * over to the assembly from here. Below, the 分户账 of each building.
 */
export function EstateFundView({ estate }: { estate: Estate }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { data: f, reload } = useApi<EstateFund>(`${FUND}/estates/${estate.id}/fund`);
  const unitLabel = useUnitLabels(estate.id);
  const [dialog, setDialog] = useState<'deposit' | 'custody' | null>(null);
  // Bumped after each deposit so the 分户账 is read again.
  const [booked, setBooked] = useState(0);
  const keeper = canKeepFund(me);
  const low = (f?.low ?? []).map(unitLabel).sort(byLabel.compare);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16} data-testid="estate-fund">
        <Col span={8} data-testid="fund-total">
          <Statistic title={t('fund.total')} value={formatFen(f?.totalFen ?? 0)} loading={!f} />
        </Col>
        <Col span={8} data-testid="fund-deposited">
          <Statistic
            title={t('fund.depositedUnits')}
            value={formatCount(f?.deposited ?? 0)}
            suffix={f && `/ ${formatCount(f.units)}`}
            loading={!f}
          />
        </Col>
        <Col span={8}>
          <Statistic title={t('fund.lowUnits')} value={formatCount(low.length)} loading={!f} />
        </Col>
      </Row>
      {f && (
        <div data-testid="fund-custody">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('fund.custodian')}>
              <Tag color={f.custodian === 'assembly' ? 'green' : 'blue'}>{label('custodian', f.custodian)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.account')}>{f.account ?? '—'}</Descriptions.Item>
            {f.custodian === 'assembly' && (
              <>
                <Descriptions.Item label={t('fund.transferredAt')}>
                  {formatTime(f.transferredAt, lang)}
                </Descriptions.Item>
                <Descriptions.Item label={t('fund.resolution')}>{f.resolution}</Descriptions.Item>
              </>
            )}
          </Descriptions>
        </div>
      )}
      {keeper && (
        <Space>
          <Button type="primary" icon={<BankOutlined />} onClick={() => setDialog('deposit')}>
            {t('fund.deposit')}
          </Button>
          {f?.custodian === 'authority' && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog('custody')}>
              {t('fund.handover')}
            </Button>
          )}
        </Space>
      )}
      <div data-testid="fund-low">
        <Typography.Title level={5}>{t('fund.lowList')}</Typography.Title>
        {low.length ? (
          <Space size={[4, 8]} wrap>
            {low.map((l) => (
              <Tag key={l} color="orange">
                {l}
              </Tag>
            ))}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fund.noneLow')} />
        )}
      </div>
      <FundLedger estateId={estate.id} refresh={booked} />
      {dialog === 'deposit' && (
        <DepositDialog
          estateId={estate.id}
          onClose={() => setDialog(null)}
          onBooked={() => {
            reload();
            setBooked((n) => n + 1);
          }}
        />
      )}
      {dialog === 'custody' && (
        <CustodyDialog
          estateId={estate.id}
          estateName={estate.name}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}
