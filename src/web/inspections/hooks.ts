import { useApi } from '../hooks.ts';
import type { Estate } from '../types.ts';

/** The name of one estate, for an inspection (which gives only its id); empty until loaded. */
export function useEstateName(id: string | null | undefined) {
  const estate = useApi<Estate>(id ? `/api/v1/estates/${id}` : null);
  return estate.data?.name ?? '';
}
