import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { Page, Unit } from '../types.ts';

/** Pages of units read at 200 a page: enough for 4,000 units. */
const MAX_PAGES = 20;
const byNumber = new Intl.Collator('zh-CN', { numeric: true });

/**
 * The units of an estate or of one building, in reading order (building, floor, number), read page by page from
 * the registry; null while loading. The API orders numbers as text (1001 before 101); people read floor by floor.
 */
export function useUnits(filter: { estateId?: string; buildingId?: string } | null) {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const key = filter ? `estateId=${filter.estateId ?? ''}&buildingId=${filter.buildingId ?? ''}` : null;
  useEffect(() => {
    setUnits(null);
    if (!key) return;
    let live = true;
    const params = new URLSearchParams(key);
    for (const [k, v] of [...params]) if (!v) params.delete(k);
    (async () => {
      const found: Unit[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < MAX_PAGES; n++) {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await api<Page<Unit>>(`/api/v1/units?${params}&limit=200${after}`);
        found.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      found.sort(
        (a, b) =>
          byNumber.compare(a.buildingName, b.buildingName) ||
          (a.floor ?? 0) - (b.floor ?? 0) ||
          byNumber.compare(a.number, b.number),
      );
      if (live) setUnits(found);
    })().catch(() => live && setUnits([]));
    return () => {
      live = false;
    };
  }, [key]);
  return units;
}
