import { createHash } from 'node:crypto';
import { canonicalJson } from './audit.ts';
import type { Executor } from './db.ts';
import { DomainError } from './errors.ts';

export interface Replayable<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs a write once per Idempotency-Key. Call inside the write's transaction: the key row is inserted first, so
 * a concurrent retry with the same key waits on it and then reads the stored answer instead of acting twice.
 * The same key with a different request is refused (422), as the IETF Idempotency-Key draft says.
 */
export async function once<T>(
  trx: Executor,
  scope: string,
  key: string | undefined,
  request: unknown,
  run: () => Promise<{ status: number; body: T }>,
): Promise<Replayable<T>> {
  if (!key) return { ...(await run()), replayed: false };
  if (key.length > 200) throw new DomainError('idempotency_key_invalid', 400);
  const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status: 0, response: '{}' })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const first = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'response'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (first.request_hash !== hash) throw new DomainError('idempotency_key_reused', 422);
    return { status: first.status, body: first.response as T, replayed: true };
  }
  const result = await run();
  await trx
    .updateTable('idempotency_keys')
    .set({ status: result.status, response: JSON.stringify(result.body) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
  return { ...result, replayed: false };
}
