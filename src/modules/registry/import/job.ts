import type { Actor } from '../../../kernel/auth/roles.ts';
import { loadBindings } from '../../../kernel/auth/sessions.ts';
import type { Db, Executor } from '../../../kernel/db.ts';
import type { Lang } from '../../../kernel/i18n.ts';
import { newId } from '../../../kernel/ids.ts';
import { defineJob, enqueue } from '../../../kernel/jobs.ts';
import { type ImportMode, runImport } from './service.ts';
import type { Kind } from './sheets.ts';
import './tables.ts';

/**
 * Uploaded imports run as a job (registry.import) so a large file shows progress and survives a
 * restart: the upload is stored in registry_imports, the job reads it, imports as the uploader
 * (with the roles they hold when it runs) and drops the content afterwards.
 */

export const IMPORT_JOB = 'registry.import';

export async function storeUpload(
  db: Db,
  input: { fileName: string; content: Buffer; mode: ImportMode; kind: Kind | null; lang: Lang; accountId: string },
): Promise<{ importId: string; jobId: string }> {
  return db.transaction().execute(async (trx) => {
    const importId = newId();
    await trx
      .insertInto('registry_imports')
      .values({
        id: importId,
        file_name: input.fileName,
        content: input.content,
        kind: input.kind,
        mode: input.mode,
        lang: input.lang,
        created_by: input.accountId,
        finished_at: null,
      })
      .execute();
    const jobId = await enqueue(trx, IMPORT_JOB, { importId }, { createdBy: input.accountId });
    return { importId, jobId };
  });
}

async function actorOfAccount(db: Executor, accountId: string): Promise<Actor | null> {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'kind', 'display_name', 'person_id', 'disabled'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.disabled) return null;
  return {
    accountId: account.id,
    kind: account.kind,
    displayName: account.display_name,
    personId: account.person_id,
    bindings: await loadBindings(db, account.id),
    via: 'session',
  };
}

defineJob(IMPORT_JOB, async (ctx) => {
  const { importId } = ctx.payload as { importId: string };
  const upload = await ctx.db.selectFrom('registry_imports').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!upload?.content) throw new Error(`import ${importId} has no content (already run?)`);
  const actor = await actorOfAccount(ctx.db, upload.created_by);
  if (!actor) throw new Error(`the account that uploaded import ${importId} is disabled`);
  const result = await runImport(
    ctx.db,
    [{ name: upload.file_name, content: Buffer.from(upload.content), kind: (upload.kind as Kind | null) ?? undefined }],
    {
      mode: upload.mode,
      lang: upload.lang === 'en' ? 'en' : 'zh-CN',
      actor,
      requestId: `job:${ctx.id}`,
      onProgress: (done, total, message) => ctx.progress(done, total, message),
    },
  );
  await ctx.db
    .updateTable('registry_imports')
    .set({ content: null, finished_at: new Date() })
    .where('id', '=', importId)
    .execute();
  return result;
});
