import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useApi } from '../hooks.ts';
import type { Estate, Page } from '../types.ts';

/**
 * Names for estate ids that a list gives without them (my inspections, joint actions, figures): the caller's first
 * page of estates, then any id not on it one by one (an inspector has a handful).
 */
export function useEstateNames(ids: (string | null | undefined)[]) {
  const list = useApi<Page<Estate>>('/api/v1/estates?limit=200');
  const [extra, setExtra] = useState<Record<string, string>>({});
  const known = useMemo(() => {
    const m: Record<string, string> = { ...extra };
    for (const e of list.data?.items ?? []) m[e.id] = e.name;
    return m;
  }, [list.data, extra]);
  const missing = list.data ? [...new Set(ids.filter((id): id is string => !!id && !(id in known)))] : [];
  const wanted = missing.join(',');
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    Promise.all(
      wanted.split(',').map((id) =>
        api<Estate>(`/api/v1/estates/${id}`, { quiet: true })
          .then((e) => [id, e.name] as const)
          .catch(() => [id, id.slice(0, 8)] as const),
      ),
    ).then((pairs) => live && setExtra((prev) => ({ ...prev, ...Object.fromEntries(pairs) })));
    return () => {
      live = false;
    };
  }, [wanted]);
  return { names: known, estates: list.data?.items ?? [] };
}
