import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { parseYuan, yuanText } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import type { Page, Unit } from '../types.ts';
import { type Basis, MAX_FEN } from './types.ts';

/** A price as its basis reads: 185 → "1.85 元/㎡·月", 6000 → "60.00 元/户·月". */
export function usePriceText() {
  const { t } = useI18n();
  return (fen: number, basis: Basis) => t(`price.${basis}`, { p: yuanText(fen, true) });
}

/**
 * An amount typed in yuan. The form keeps the text; `parseYuan` turns it into fen on submit, so 0.29 stays 29 fen
 * (no float multiplication).
 */
export function YuanInput(props: InputProps) {
  return <Input inputMode="decimal" prefix="¥" autoComplete="off" style={{ width: 200 }} {...props} />;
}

/** Required, at most 2 decimals, above zero and within what the server accepts. */
export function useYuanRules(): Rule[] {
  const { t } = useI18n();
  return [
    {
      validator: async (_, v: string | undefined) => {
        if (!v?.trim()) throw new Error(t('money.required'));
        const fen = parseYuan(v);
        if (fen === null) throw new Error(t('money.invalid'));
        if (fen < 1 || fen > MAX_FEN) throw new Error(t('money.range', { max: yuanText(MAX_FEN, true) }));
      },
    },
  ];
}

/** Pages of the estate's units the labels are read from, at 200 a page: enough for 4,000 units. */
const MAX_UNIT_PAGES = 20;

/**
 * "1号楼 101" for each unit of an estate. Bills carry only the unit's id, so the estate's units are read page by
 * page from the registry; a unit not among them shows a short id.
 */
export function useUnitLabels(estateId: string) {
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    (async () => {
      const found = new Map<string, string>();
      let cursor: string | null = null;
      for (let n = 0; n < MAX_UNIT_PAGES; n++) {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await api<Page<Unit>>(`/api/v1/units?estateId=${estateId}&limit=200${after}`, { quiet: true });
        for (const u of page.items) found.set(u.id, `${u.buildingName} ${u.number}`);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      if (live) setLabels(found);
    })().catch(() => {
      // Labels are a convenience: without them the table shows short ids.
    });
    return () => {
      live = false;
    };
  }, [estateId]);
  return useCallback((unitId: string) => labels.get(unitId) ?? `#${unitId.slice(-6)}`, [labels]);
}

/** This month in Asia/Shanghai, "2026-05": the default bill period. */
export const thisPeriod = () =>
  new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
