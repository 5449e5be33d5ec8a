import { createHash } from 'node:crypto';
import { audit } from '../../kernel/audit.ts';
import { type Executor, inTransaction } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { BlobStore } from '../../kernel/storage.ts';
import { coversEstate } from '../registry/index.ts';
import { estateRef, INSPECTORS, RECTIFIERS, sniffImage } from './inspections.ts';

/**
 * 整改佐证: the company's photos of what it put right, added while the notice waits for its answer. Until it answers,
 * the company may also take back a photo of this round (the wrong one picked); once answered, the round's photos
 * are what the regulator re-inspects against and stay.
 */

const key = (e: { id: string; rectification_id: string }) => `rectifications/${e.rectification_id}/${e.id}`;
async function notice(db: Executor, ctx: RequestContext, id: string, lock = false) {
  const query = db.selectFrom('rectifications').selectAll().where('id', '=', id);
  const r = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!r || !coversEstate(ctx.actor, [...INSPECTORS, ...RECTIFIERS], estateRef(r)))
    throw notFound('inspection.notice_not_found');
  return r;
}

/** The notice, locked against a concurrent answer, if it is still the company's turn and the caller's to answer. */
async function awaitingAnswer(db: Executor, ctx: RequestContext, id: string) {
  const r = await notice(db, ctx, id, true);
  if (!coversEstate(ctx.actor, RECTIFIERS, estateRef(r))) throw new DomainError('inspection.not_yours', 403);
  if (r.state !== 'issued' && r.state !== 'reopened')
    throw new DomainError('inspection.notice_state', 409, { state: `inspection.state.${r.state}` });
  return r;
}

export const addEvidence = (db: Executor, store: BlobStore, ctx: RequestContext, id: string, data: Buffer) =>
  inTransaction(db, async (trx) => {
    const r = await awaitingAnswer(trx, ctx, id);
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
    // Stored before the row is written: a row never names a missing file (an orphan file, were the insert to fail,
    // is harmless).
    await store.put(key(row), data);
    await trx.insertInto('rectification_evidence').values(row).execute();
    await audit(trx, ctx, {
      action: 'rectification.evidence',
      entityType: 'rectification',
      entityId: id,
      estateId: r.estate_id,
      after: { evidence: row.id, round: row.round, sha256: row.sha256 },
    });
    return { id: row.id, round: row.round };
  });

/** Takes back one of this round's photos before the answer; the audit keeps its fingerprint. */
export async function removeEvidence(db: Executor, store: BlobStore, ctx: RequestContext, evidenceId: string) {
  const removed = await inTransaction(db, async (trx) => {
    const e = await trx
      .selectFrom('rectification_evidence')
      .selectAll()
      .where('id', '=', evidenceId)
      .executeTakeFirst();
    if (!e) throw notFound('inspection.photo_not_found');
    const r = await awaitingAnswer(trx, ctx, e.rectification_id);
    if (e.round !== r.rounds) throw new DomainError('inspection.evidence_earlier_round', 409);
    await trx.deleteFrom('rectification_evidence').where('id', '=', e.id).execute();
    await audit(trx, ctx, {
      action: 'rectification.evidence_removed',
      entityType: 'rectification',
      entityId: r.id,
      estateId: r.estate_id,
      before: { evidence: e.id, round: e.round, sha256: e.sha256, uploadedBy: e.uploaded_by },
    });
    return e;
  });
  await store.delete(key(removed));
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
