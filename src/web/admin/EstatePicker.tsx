import { Empty, Skeleton } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate, useLocation } from '../router.tsx';
import type { Estate, Page } from '../types.ts';
import { EstateSelect } from './EstateSelect.tsx';

/**
 * The estate a page works on, among the signed-in user's estates (the server scopes them). Kept in `?estateId=` so
 * the page can be linked to; someone with a single estate gets it without choosing.
 */
export function useEstateChoice() {
  const { path, query } = useLocation();
  const estateId = query.get('estateId');
  // Two are enough to tell whether the user has one estate only.
  const firstTwo = useApi<Page<Estate>>('/api/v1/estates?limit=2').data?.items;
  const chosen = useApi<Estate>(estateId ? `/api/v1/estates/${estateId}` : null);
  const choose = (id: string) => navigate(`${path}?estateId=${id}`, { replace: true });
  useEffect(() => {
    if (!estateId && firstTwo?.length === 1) navigate(`${path}?estateId=${firstTwo[0].id}`, { replace: true });
  }, [estateId, firstTwo, path]);
  const estate = chosen.data?.id === estateId ? chosen.data : undefined;
  return {
    estateId,
    /** The chosen estate, once read. */
    estate,
    /** Reading the chosen estate (a skeleton, not the prompt to choose). */
    loading: !!estateId && !estate && !chosen.failed,
    /** More than one estate: a bill run may then cover them all. */
    several: (firstTwo?.length ?? 0) > 1,
    choose,
  };
}
export type EstateChoice = ReturnType<typeof useEstateChoice>;

export function EstatePicker({ choice }: { choice: EstateChoice }) {
  const { t } = useI18n();
  return (
    <EstateSelect<string>
      placeholder={t('estate.pick')}
      style={{ width: 240 }}
      value={choice.estateId ?? undefined}
      onChange={choice.choose}
      testId="estate-picker"
    />
  );
}

/** A page's body for the chosen estate: a skeleton while it is read, the prompt to choose until one is. */
export function ForChosenEstate({ choice, children }: { choice: EstateChoice; children(e: Estate): ReactNode }) {
  const { t } = useI18n();
  if (choice.estate) return children(choice.estate);
  return choice.loading ? <Skeleton active /> : <Empty description={t('estate.pick')} />;
}
