import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useI18n } from '../i18n.tsx';
import { type Quarter, quarterOf, shiftQuarter, todayShanghai } from './public-revenue.ts';

/** ‹ 2026 年第 4 季度 ›: the disclosure's quarter; not beyond the current one, which has nothing yet. */
export function QuarterSwitch({ value, onChange }: { value: Quarter; onChange(q: Quarter): void }) {
  const { t } = useI18n();
  const now = quarterOf(todayShanghai());
  const atNow = value.year * 4 + value.quarter >= now.year * 4 + now.quarter;
  return (
    <Space size={4} data-testid="quarter-switch">
      <Button
        type="text"
        icon={<LeftOutlined />}
        aria-label={t('pr.prevQuarter')}
        onClick={() => onChange(shiftQuarter(value, -1))}
      />
      <span style={{ fontWeight: 600, minWidth: 120, textAlign: 'center', display: 'inline-block' }}>
        {t('pr.quarterOf', { year: value.year, q: value.quarter })}
      </span>
      <Button
        type="text"
        icon={<RightOutlined />}
        aria-label={t('pr.nextQuarter')}
        disabled={atNow}
        onClick={() => onChange(shiftQuarter(value, 1))}
      />
    </Space>
  );
}
