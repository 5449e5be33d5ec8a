import { Tag } from 'antd';
import { useI18n } from '../i18n.tsx';
import { formatPoints } from './types.ts';

const GRADE_COLOR: Record<string, string> = { AAA: 'green', AA: 'cyan', A: 'blue', B: 'gold', C: 'red' };

/** A published credit grade, or 未评价 when no quarter has rated the company: never a guess. */
export function GradeTag({ grade }: { grade: string | null | undefined }) {
  const { t } = useI18n();
  if (!grade) return <Tag data-testid="grade">{t('portal.unrated')}</Tag>;
  return (
    <Tag color={GRADE_COLOR[grade]} data-testid="grade">
      {grade}
    </Tag>
  );
}

/** The score and grade columns every ranking table shows: points, then the grade and whether a fail item counted. */
export function scoreColumns<T extends { total: number; grade: string; failed: boolean }>(
  t: ReturnType<typeof useI18n>['t'],
) {
  return [
    {
      title: t('credit.total'),
      dataIndex: 'total',
      align: 'right' as const,
      render: (v: number) => t('credit.pts', { n: formatPoints(v) }),
    },
    {
      title: t('credit.grade'),
      dataIndex: 'grade',
      render: (g: string, r: T) => (
        <>
          <GradeTag grade={g} />
          {r.failed && <Tag color="red">{t('credit.failed')}</Tag>}
        </>
      ),
    },
  ];
}
