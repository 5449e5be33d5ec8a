import { Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { scoreColumns } from '../../credit/score.tsx';
import type { PublishedPeriod, Ranking } from '../../credit/types.ts';
import { formatTime } from '../../format.ts';
import { useApi } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

/** The published quarters, newest first (public). */
export const usePublishedPeriods = () => useApi<PublishedPeriod[]>('/api/v1/public/credit/periods');

/**
 * A quarter's published ranking (public), city-wide or among the companies serving a district; `missing` when the
 * quarter is not published yet. A null period waits.
 */
export function useRanking(period: string | null, district: string | null = null) {
  const [data, setData] = useState<Ranking | null>(null);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks for the same quarter again.
  useEffect(() => {
    let live = true;
    setData(null);
    setMissing(false);
    if (!period) return;
    const url = `/api/v1/public/credit/rankings/${period}${district ? `?district=${district}` : ''}`;
    api<Ranking>(url, { quiet: true })
      .then((r) => live && setData(r))
      .catch((e) => live && e instanceof ApiError && e.status === 404 && setMissing(true));
    return () => {
      live = false;
    };
  }, [period, district, tick]);
  return { data, missing, reload: useCallback(() => setTick((n) => n + 1), []) };
}

export function RankingTable({ ranking }: { ranking: Ranking }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Title level={5} data-testid="ranking-title">
        {ranking.district
          ? t('credit.districtRanking', { period: ranking.period, district: ranking.district.name })
          : t('credit.ranking', { period: ranking.period })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('credit.publishedAt', { time: formatTime(ranking.publishedAt, lang) })}
        {ranking.district && ` · ${t('credit.districtHint')}`}
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
          ...(ranking.district ? [{ title: t('credit.cityRank'), dataIndex: 'cityRank', width: 100 }] : []),
          ...scoreColumns(t),
        ]}
      />
    </>
  );
}
