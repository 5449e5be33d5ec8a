import { api } from '../api.ts';
import type { Lang } from '../i18n.tsx';
import type { Category, TransitionBody } from './types.ts';

export const TICKETS = '/api/v1/workorders/tickets';

export function transition(id: string, body: TransitionBody) {
  return api<{ id: string; state: string; version: number }>(`${TICKETS}/${id}/transitions`, { body });
}

export const categoryName = (c: Category, lang: Lang) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);

export interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** The flat category list as the place › category › problem tree; only active branches that end in leaves. */
export function categoryTree(all: Category[], lang: Lang): CascaderOption[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of all) {
    if (!c.active) continue;
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const build = (parent: string | null): CascaderOption[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.sort - b.sort)
      .map((c) => {
        if (c.level >= 3) return { value: c.id, label: categoryName(c, lang) };
        const children = build(c.id);
        return children.length ? { value: c.id, label: categoryName(c, lang), children } : null;
      })
      .filter((x): x is CascaderOption => x !== null);
  return build(null);
}

/** One key per form: a double tap or a retry after a lost answer is still one ticket. */
export const newIdempotencyKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Uploads one photo; the server strips its location and answers with its id and url. */
export async function uploadPhoto(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ id: string; url: string }>('/api/v1/workorders/photos', { form });
}
