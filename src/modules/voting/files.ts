import { createHash } from 'node:crypto';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { BlobStore } from '../../kernel/storage.ts';
import { canOrganise, loadMatter, phaseOf, wrongState } from './matters.ts';
import type { MatterRow } from './tables.ts';

export const FILE_MAX_BYTES = 10 * 1048576;

/** Documents and scans: PDF, JPEG or PNG, told by their first bytes, never by the name they were sent with. */
export function sniffDocument(buf: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | undefined {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

const keyOf = (f: { id: string; matter_id: string }) => `voting/${f.matter_id}/${f.id}`;

/**
 * Attachments belong to the matter's text, so they are added while it is a draft and fixed by the 公告 like the
 * rest. Scans of paper ballots are added while paper ballots are entered, and stay with the organisers.
 */
export async function uploadMatterFile(
  db: Executor,
  store: BlobStore,
  ctx: RequestContext,
  matterId: string,
  kind: 'attachment' | 'ballot_scan',
  name: string,
  data: Buffer,
) {
  const m = await loadMatter(db, ctx, matterId);
  if (!canOrganise(ctx, m)) throw forbidden();
  const phase = phaseOf(m);
  if (kind === 'attachment' && phase !== 'draft') throw wrongState(phase, 'attach');
  if (kind === 'ballot_scan' && phase !== 'open' && phase !== 'ended') throw wrongState(phase, 'scan');
  if (data.length > FILE_MAX_BYTES) throw new DomainError('voting.file_too_large', 400, { max: 10 });
  const mime = sniffDocument(data);
  if (!mime) throw new DomainError('voting.file_type', 400);
  const row = {
    id: newId(),
    matter_id: m.id,
    kind,
    name: name.slice(0, 200) || 'file',
    mime,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    uploaded_by: ctx.actor.accountId,
  };
  // The blob first: a row never points at nothing; a blob without a row is only unused space.
  await store.put(keyOf(row), data);
  await db.insertInto('matter_files').values(row).execute();
  await audit(db, ctx, {
    action: 'matter.file',
    entityType: 'matter',
    entityId: m.id,
    estateId: m.estate_id,
    after: { id: row.id, kind, name: row.name, bytes: row.bytes, sha256: row.sha256 },
  });
  return fileView(row);
}

const fileView = (f: { id: string; kind: string; name: string; mime: string; bytes: number; sha256: string }) => ({
  id: f.id,
  kind: f.kind,
  name: f.name,
  mime: f.mime,
  bytes: f.bytes,
  sha256: f.sha256,
  url: `/api/v1/voting/files/${f.id}`,
});

/** A matter's attachments for anyone who sees the matter; ballot scans for its organisers only. */
export async function listMatterFiles(db: Executor, ctx: RequestContext, m: MatterRow) {
  let q = db.selectFrom('matter_files').selectAll().where('matter_id', '=', m.id);
  if (!canOrganise(ctx, m)) q = q.where('kind', '=', 'attachment');
  return (await q.orderBy('uploaded_at').execute()).map(fileView);
}

export async function readMatterFile(db: Executor, store: BlobStore, ctx: RequestContext, id: string) {
  const f = await db.selectFrom('matter_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f) throw notFound();
  const m = await loadMatter(db, ctx, f.matter_id);
  if (f.kind === 'ballot_scan' ? !canOrganise(ctx, m) : m.state === 'draft' && !canOrganise(ctx, m)) throw notFound();
  const data = await store.get(keyOf(f));
  if (!data) throw notFound();
  return { data, mime: f.mime, name: f.name };
}
