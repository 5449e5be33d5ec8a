import { type Static, Type } from 'typebox';
import { DomainError } from './errors.ts';

/** Keyset pagination: the cursor is the last row's sort key and id, opaque to the client. */
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export type Cursor = { key: string | number; id: string };

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ((typeof key === 'string' || typeof key === 'number') && typeof id === 'string') return { key, id };
  } catch {}
  throw new DomainError('validation', 400, {}, [{ field: 'cursor', code: 'validation.invalid' }]);
}

export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** Given limit+1 rows, returns the page and the cursor of the next one. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, keyOf: (r: T) => string | number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last), last.id) : null };
}

export type PageQueryT = { cursor?: string; limit?: number };
export type PageT<T> = Static<ReturnType<typeof Page>> & { items: T[] };

/** The most rows one export returns; larger sets should be filtered first. */
export const EXPORT_LIMIT = 100_000;

/** Rows to fetch: a page, or (for an export) everything up to EXPORT_LIMIT. */
export const pageSize = (all: boolean, limit: number | undefined) => (all ? EXPORT_LIMIT : (limit ?? 50));
