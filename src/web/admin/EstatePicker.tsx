import { Select } from 'antd';
import { useEffect } from 'react';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate, useLocation } from '../router.tsx';
import type { Estate, Page } from '../types.ts';

/**
 * The estate a page works on, among the signed-in user's estates (the server scopes the list). Kept in
 * `?estateId=` so the page can be linked to; someone with a single estate gets it without choosing.
 */
export function useEstateChoice() {
  const { path, query } = useLocation();
  const { data } = useApi<Page<Estate>>('/api/v1/estates?limit=200');
  const estates = data?.items ?? [];
  const estateId = query.get('estateId');
  const choose = (id: string) => navigate(`${path}?estateId=${id}`, { replace: true });
  useEffect(() => {
    if (!estateId && estates.length === 1) navigate(`${path}?estateId=${estates[0].id}`, { replace: true });
  }, [estateId, estates, path]);
  return { estates, estateId, choose };
}

export function EstatePicker({ choice }: { choice: ReturnType<typeof useEstateChoice> }) {
  const { t } = useI18n();
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('estate.pick')}
      style={{ width: 240 }}
      value={choice.estateId ?? undefined}
      onChange={choice.choose}
      options={choice.estates.map((e) => ({ value: e.id, label: `${e.name}（${e.code}）` }))}
      data-testid="estate-picker"
    />
  );
}
