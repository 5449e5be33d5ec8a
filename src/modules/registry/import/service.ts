import { sql } from 'kysely';
import { audit } from '../../../kernel/audit.ts';
import type { Actor } from '../../../kernel/auth/roles.ts';
import type { Db } from '../../../kernel/db.ts';
import { type Lang, t } from '../../../kernel/i18n.ts';
import { type Issue, localize, type ReportedError, sortIssues } from './issues.ts';
import { loadExisting } from './lookups.ts';
import type { PlannedSheet } from './plan.ts';
import { type InputFile, readFiles } from './read.ts';
import { type Kind, SHEETS } from './sheets.ts';
import { neededKeys, parseTables, resolve } from './validate.ts';
import { type ChunkCounts, upsertChunk, upsertOwnersChunk } from './write.ts';

/**
 * The registry import: read → validate the whole file (cells, then references and scope against
 * what the database holds, loaded in bulk) → write set-based, chunk by chunk. Nothing is written
 * while any row is bad, unless the caller asked for mode 'valid_only'.
 *
 * Each chunk is its own transaction with its own audit entry, so progress can be reported between
 * chunks (PGlite has a single connection), two chunks can be written at once on PostgreSQL, and a job
 * that dies half-way is simply run again: the upsert on natural keys makes the second run write only
 * what is still missing. A last audit entry sums up the import (file, mode, counts per sheet).
 */

export type ImportMode = 'all' | 'valid_only';

export interface ImportOptions {
  mode: ImportMode;
  lang: Lang;
  actor: Actor;
  requestId?: string;
  /** Rows per statement and transaction. */
  chunkSize?: number;
  /** Chunks written at the same time, each on its own connection (default 2). */
  writers?: number;
  onProgress?: (done: number, total: number, message: string) => unknown;
}

export interface SheetCounts {
  sheet: string;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

export interface ImportResult {
  imported: boolean;
  counts: Partial<Record<Kind, SheetCounts>>;
  errors: ReportedError[];
  /** All errors found; `errors` lists at most MAX_ERRORS of them. */
  errorCount: number;
  /** Milliseconds per phase, for the benchmark and the logs. */
  timings: { read: number; validate: number; write: number };
}

export const MAX_ERRORS = 10_000;

const ENTITY: Record<Kind, string> = {
  regions: 'region',
  companies: 'company',
  estates: 'estate',
  buildings: 'building',
  units: 'unit',
  owners: 'unit_owner',
  staff: 'staff',
};

/**
 * Writes one sheet in chunks, `writers` chunks at a time (each its own transaction on its own
 * connection; PGlite simply queues them). Chunks never share a natural key, and owners' chunks end at
 * a unit boundary, so concurrent chunks do not wait on each other's rows.
 */
async function writeSheet(
  db: Db,
  p: PlannedSheet,
  opts: ImportOptions,
  fileNames: string,
  onChunk: (rows: number, res: ChunkCounts) => Promise<void>,
) {
  const size = opts.chunkSize ?? 5000;
  const chunks: [number, number][] = [];
  for (let from = 0; from < p.rows.length; ) {
    let to = Math.min(from + size, p.rows.length);
    if (p.kind === 'owners') while (to < p.rows.length && sameUnit(p.rows[to - 1], p.rows[to])) to++;
    chunks.push([from, to]);
    from = to;
  }
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (next < chunks.length && !failed) {
      const [from, to] = chunks[next++];
      const rows = p.rows.slice(from, to);
      try {
        const res = await writeChunk(db, p, rows, opts, {
          file: fileNames,
          sheet: p.sheet,
          mode: opts.mode,
          chunk: { from: from + 1, to, of: p.rows.length },
        });
        await onChunk(rows.length, res);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.writers ?? 2) }, worker));
  if (failed) throw failed;
}

const sameUnit = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  a.building_id === b.building_id && a.number === b.number;

async function writeChunk(
  db: Db,
  p: PlannedSheet,
  rows: Record<string, unknown>[],
  opts: ImportOptions,
  about: Record<string, unknown>,
): Promise<ChunkCounts> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        // Durability comes from the final commit of the import (see runImport); a crash before it re-runs the job.
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        const r =
          p.kind === 'owners'
            ? await upsertOwnersChunk(trx, p.present, rows)
            : await upsertChunk(trx, p.kind, p.present, rows);
        // Bulk writes are audited per sheet chunk (counts, file, sheet), not per row: a row-level
        // trail of a 300,000-unit import would dwarf the data. Unchanged chunks write no entry.
        if (r.inserted || r.updated || r.demoted) {
          await audit(
            trx,
            { actor: opts.actor, requestId: opts.requestId },
            { action: 'import', entityType: ENTITY[p.kind], after: { ...about, ...r } },
          );
        }
        return r;
      });
    } catch (e) {
      // Two writers meeting on a shared person (co-owners across chunks) may deadlock; the loser retries.
      if ((e as { code?: string }).code !== '40P01' || attempt >= 3) throw e;
    }
  }
}

/** Reads and validates; the raw and parsed tables are dropped on return, before the writes begin. */
async function validateFiles(db: Db, files: InputFile[], opts: ImportOptions) {
  const { tables, issues } = await readFiles(files);
  const read = performance.now();
  await opts.onProgress?.(0, 1, t('import.progress.validate', opts.lang));
  const parsed = parseTables(tables, issues);
  const existing = await loadExisting(db, neededKeys(parsed));
  const plan = resolve(parsed, existing, opts.actor, issues);
  const order = [...tables.map((tb) => tb.sheet), ...files.map((f) => f.name)];
  return { plan, issues, order, read };
}

export async function runImport(db: Db, files: InputFile[], opts: ImportOptions): Promise<ImportResult> {
  const progress = async (done: number, total: number, message: string) => {
    await opts.onProgress?.(done, total, message);
  };
  const clock = performance.now();
  await progress(0, 1, t('import.progress.read', opts.lang));
  const { plan, issues, order, read } = await validateFiles(db, files, opts);
  const readMs = read - clock;
  const validateMs = performance.now() - read;

  const counts: Partial<Record<Kind, SheetCounts>> = {};
  for (const p of plan) counts[p.kind] = { sheet: p.sheet, inserted: 0, updated: 0, unchanged: 0, invalid: p.invalid };
  const allowed = issues.length === 0 || opts.mode === 'valid_only';
  const total = plan.reduce((n, p) => n + p.rows.length, 0);
  const imported = allowed && total > 0;

  if (imported) {
    const fileNames = files.map((f) => f.name).join(', ');
    let done = 0;
    for (const p of plan) {
      const c = counts[p.kind] as SheetCounts;
      const message = t('import.progress.write', opts.lang, { sheet: p.sheet });
      await progress(done, total, message);
      await writeSheet(db, p, opts, fileNames, async (chunk, res) => {
        c.inserted += res.inserted;
        c.updated += res.updated;
        c.unchanged += res.unchanged;
        done += chunk;
        await progress(done, total, message);
      });
    }
    // The chunks committed without waiting for the disk; this last commit waits, and with it every
    // earlier one (the WAL is flushed in order). Nothing changed, nothing to flush.
    const changed = plan.filter((p) => counts[p.kind]?.inserted || counts[p.kind]?.updated);
    if (changed.length) {
      await db
        .transaction()
        .execute((trx) =>
          audit(
            trx,
            { actor: opts.actor, requestId: opts.requestId },
            { action: 'import', entityType: 'registry_import', after: { file: fileNames, mode: opts.mode, counts } },
          ),
        );
    }
  }
  const writeMs = performance.now() - clock - readMs - validateMs;
  await progress(
    total,
    total,
    t(imported || !issues.length ? 'import.progress.done' : 'import.progress.rejected', opts.lang),
  );

  const sorted = sortIssues(issues, order);
  return {
    imported,
    counts,
    errors: sorted.slice(0, MAX_ERRORS).map((i: Issue) => localize(i, opts.lang)),
    errorCount: issues.length,
    timings: { read: Math.round(readMs), validate: Math.round(validateMs), write: Math.round(writeMs) },
  };
}

/** Kinds in file order, for printing. */
export const KIND_ORDER = SHEETS.map((s) => s.kind);
