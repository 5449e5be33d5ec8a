import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { exportUrl } from '../../api.ts';
import { thisPeriod } from '../../finance/components.tsx';
import { type EstateBills, FINANCE } from '../../finance/types.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { canRunBills } from '../../roles.ts';
import { navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { Estate } from '../../types.ts';
import { BillRun } from './BillRun.tsx';
import { BillsTable } from './BillsTable.tsx';

/**
 * 出账与账单: a period's bills of the estate with their totals; the company admin bills the period from here. 导出
 * downloads all of them (the table reads the first 500) as the server's spreadsheet, with the same filter.
 */
export function Bills({ estate, several }: { estate: Estate; several: boolean }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { path, query } = useLocation();
  // Kept in the URL too, so coming back from a receipt shows the same period.
  const [period, setPeriod] = useState(query.get('period') ?? thisPeriod());
  const [unpaid, setUnpaid] = useState(false);
  const bills = useApi<EstateBills>(
    `${FINANCE}/estates/${estate.id}/bills?period=${period}${unpaid ? '&unpaid=true' : ''}`,
  );
  const choose = (p: string) => {
    setPeriod(p);
    navigate(`${path}?estateId=${estate.id}&period=${p}`, { replace: true });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12 }}>
        <Space>
          <Typography.Text>{t('bill.period')}</Typography.Text>
          <DatePicker
            picker="month"
            format="YYYY-MM"
            allowClear={false}
            value={dayjs(`${period}-01`)}
            onChange={(d) => d && choose(d.format('YYYY-MM'))}
            data-testid="period-picker"
          />
        </Space>
        <Button
          icon={<DownloadOutlined />}
          href={exportUrl(`${FINANCE}/estates/${estate.id}/bills`, { period, unpaid }, 'xlsx')}
          disabled={!bills.data?.count}
          data-testid="bills-xlsx"
        >
          {t('bill.xlsx')}
        </Button>
      </div>
      {canRunBills(me) && <BillRun estate={estate} period={period} several={several} onDone={bills.reload} />}
      <BillsTable
        estateId={estate.id}
        period={period}
        data={bills.data}
        loading={bills.loading}
        unpaid={unpaid}
        onUnpaid={setUnpaid}
        onPaid={bills.reload}
      />
    </Space>
  );
}
