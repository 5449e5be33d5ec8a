import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { BlobStore } from '../../kernel/storage.ts';
import { seesInternal } from './parties.ts';
import { PHOTO_MAX_BYTES, sniffImageType, stripLocation } from './photos.ts';
import { ticketVisible } from './scope.ts';

const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp', heic: 'heic' } as const;
const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' } as const;

/**
 * A photo is uploaded before the report or transition that names it. The type comes from the bytes, never the
 * declared name; the original is kept for handlers and a copy without location metadata for everyone else.
 * Nothing is stored unless all checks pass.
 */
export async function uploadPhoto(db: Executor, store: BlobStore, ctx: RequestContext, data: Buffer) {
  if (data.length > PHOTO_MAX_BYTES)
    throw new DomainError('workorders.photo_too_large', 400, { max: PHOTO_MAX_BYTES / 1048576 });
  const type = data.length ? sniffImageType(data) : undefined;
  if (!type) throw new DomainError('workorders.photo_type', 400);
  const id = newId();
  const prefix = `workorders/${id.slice(0, 8)}/${id}`;
  const stripped = stripLocation(data, type);
  const originalKey = `${prefix}.${EXT[type]}`;
  const publicKey = stripped ? `${prefix}-public.${EXT[type]}` : null;
  await store.put(originalKey, data);
  if (stripped && publicKey) await store.put(publicKey, stripped);
  await db
    .insertInto('ticket_photos')
    .values({
      id,
      ticket_id: null,
      event_id: null,
      uploaded_by: ctx.actor.accountId,
      type,
      bytes: data.length,
      original_key: originalKey,
      public_key: publicKey,
    })
    .execute();
  await audit(db, ctx, {
    action: 'upload',
    entityType: 'ticket_photo',
    entityId: id,
    after: { type, bytes: data.length },
  });
  return { id, type, bytes: data.length, locationStripped: !!stripped, url: `/api/v1/workorders/photos/${id}` };
}

/** Handlers get the original (with its location, which helps them find the spot); others the stripped copy. */
export async function readPhoto(db: Executor, store: BlobStore, ctx: RequestContext, id: string) {
  const p = await db.selectFrom('ticket_photos').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  let original = p.uploaded_by !== null && p.uploaded_by === ctx.actor.accountId;
  if (!original) {
    if (!p.ticket_id) throw notFound();
    const t = await db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', p.ticket_id)
      .where(ticketVisible(ctx.actor))
      .executeTakeFirst();
    if (!t) throw notFound();
    original = seesInternal(ctx.actor, t);
  }
  const key = original ? p.original_key : p.public_key;
  if (!key) throw forbidden();
  const data = await store.get(key);
  if (!data) throw notFound();
  return { data, mime: MIME[p.type] };
}
