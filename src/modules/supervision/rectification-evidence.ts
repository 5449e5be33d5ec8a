import { createHash } from 'node:crypto';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { BlobStore } from '../../kernel/storage.ts';
import { coversEstate } from '../registry/index.ts';
import { estateRef, INSPECTORS, RECTIFIERS, sniffImage } from './inspections.ts';

/** 整改佐证: the company's photos of what it put right, added while the notice waits for its answer. */

const key = (e: { id: string; rectification_id: string }) => `rectifications/${e.rectification_id}/${e.id}`;
async function notice(db: Executor, ctx: RequestContext, id: string) {
  const r = await db.selectFrom('rectifications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || !coversEstate(ctx.actor, [...INSPECTORS, ...RECTIFIERS], estateRef(r)))
    throw notFound('inspection.notice_not_found');
  return r;
}

export async function addEvidence(db: Executor, store: BlobStore, ctx: RequestContext, id: string, data: Buffer) {
  const r = await notice(db, ctx, id);
  if (!coversEstate(ctx.actor, RECTIFIERS, estateRef(r))) throw new DomainError('inspection.not_yours', 403);
  if (r.state !== 'issued' && r.state !== 'reopened')
    throw new DomainError('inspection.notice_state', 409, { state: `inspection.state.${r.state}` });
  const mime = sniffImage(data);
  if (!mime) throw new DomainError('inspection.photo_type', 400);
  const row = {
    id: newId(),
    rectification_id: id,
    round: r.rounds,
    mime,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    uploaded_by: ctx.actor.accountId,
  };
  await store.put(key(row), data);
  await db.insertInto('rectification_evidence').values(row).execute();
  await audit(db, ctx, {
    action: 'rectification.evidence',
    entityType: 'rectification',
    entityId: id,
    estateId: r.estate_id,
    after: { evidence: row.id, round: row.round, sha256: row.sha256 },
  });
  return { id: row.id, round: row.round };
}

export async function readEvidence(db: Executor, store: BlobStore, ctx: RequestContext, evidenceId: string) {
  const e = await db.selectFrom('rectification_evidence').selectAll().where('id', '=', evidenceId).executeTakeFirst();
  if (!e) throw notFound('inspection.photo_not_found');
  await notice(db, ctx, e.rectification_id);
  return { mime: e.mime, data: await store.get(key(e)) };
}

/** Evidence ids by notice, oldest first, for the notices listed. */
export async function evidenceOf(db: Executor, ids: string[]) {
  const by = new Map<string, { id: string; round: number }[]>();
  if (!ids.length) return by;
  const rows = await db
    .selectFrom('rectification_evidence')
    .select(['id', 'rectification_id', 'round'])
    .where('rectification_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  for (const r of rows)
    by.set(r.rectification_id, [...(by.get(r.rectification_id) ?? []), { id: r.id, round: r.round }]);
  return by;
}
