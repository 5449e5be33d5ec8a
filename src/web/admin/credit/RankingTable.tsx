import { Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { formatPoints, type Ranking } from '../../credit/types.ts';
import { formatTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';

const GRADE_COLOR: Record<string, string> = { AAA: 'green', AA: 'cyan', A: 'blue', B: 'gold', C: 'red' };

/** A quarter's published ranking (public); `missing` when the quarter is not published yet. */
export function useRanking(period: string) {
  const [data, setData] = useState<Ranking | null>(null);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks for the same quarter again.
  useEffect(() => {
    let live = true;
    setData(null);
    setMissing(false);
    api<Ranking>(`/api/v1/public/credit/rankings/${period}`, { quiet: true })
      .then((r) => live && setData(r))
      .catch((e) => live && e instanceof ApiError && e.status === 404 && setMissing(true));
    return () => {
      live = false;
    };
  }, [period, tick]);
  return { data, missing, reload: useCallback(() => setTick((n) => n + 1), []) };
}

export function RankingTable({ ranking }: { ranking: Ranking }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('credit.ranking', { period: ranking.period })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('credit.publishedAt', { time: formatTime(ranking.publishedAt, lang) })}
      </Typography.Paragraph>
      <Table
        rowKey="companyId"
        size="small"
        pagination={false}
        dataSource={ranking.companies}
        data-testid="credit-ranking"
        columns={[
          { title: t('credit.rank'), dataIndex: 'rank', width: 80 },
          { title: t('credit.company'), dataIndex: 'name' },
          {
            title: t('credit.total'),
            dataIndex: 'total',
            align: 'right',
            render: (v: number) => t('credit.pts', { n: formatPoints(v) }),
          },
          {
            title: t('credit.grade'),
            dataIndex: 'grade',
            render: (g: string, r) => (
              <>
                <Tag color={GRADE_COLOR[g]}>{g}</Tag>
                {r.failed && <Tag color="red">{t('credit.failed')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
