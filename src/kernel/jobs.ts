import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db, Executor } from './db.ts';
import { newId } from './ids.ts';

/**
 * A job queue in PostgreSQL (works on PGlite and on a server): jobs are rows, workers claim them
 * with FOR UPDATE SKIP LOCKED, so each runs once however many instances poll. A worker that dies
 * leaves its lease to expire and another instance takes the job again.
 */
export interface JobContext {
  id: string;
  db: Db;
  payload: unknown;
  attempt: number;
  log: FastifyBaseLogger;
  /** Records progress that the UI shows, and extends the lease. */
  progress(done: number, total: number, message?: string): Promise<void>;
}
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

const handlers = new Map<string, JobHandler>();
const recurring = new Map<string, number>();

export function defineJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** A job that runs every intervalMs across the whole cluster (once per time slot). */
export function defineRecurringJob(kind: string, intervalMs: number, handler: JobHandler): void {
  handlers.set(kind, handler);
  recurring.set(kind, intervalMs);
}

export interface EnqueueOptions {
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  createdBy?: string | null;
}

/** Enqueues in the caller's transaction. With a uniqueKey, a second enqueue returns the first job. */
export async function enqueue(
  db: Executor,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<string> {
  const id = newId();
  const row = await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      payload: JSON.stringify(payload ?? {}),
      unique_key: opts.uniqueKey ?? null,
      run_at: opts.runAt ?? new Date(),
      max_attempts: opts.maxAttempts ?? 3,
      created_by: opts.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('unique_key', '=', opts.uniqueKey as string)
    .executeTakeFirstOrThrow();
  return existing.id;
}

export async function getJob(db: Executor, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

const LEASE_SECONDS = 120;

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  readonly name = `${hostname()}:${process.pid}:${newId().slice(-6)}`;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 500,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().then(
        () => {},
        (err) => this.log.error({ err }, 'job worker tick failed'),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    this.timer = setTimeout(tick, 10);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs due jobs until none is left; returns how many ran. Tests call it directly. */
  async drain(limit = 100): Promise<number> {
    await this.scheduleRecurring();
    let ran = 0;
    while (ran < limit && !this.stopped) {
      const job = await this.claim();
      if (!job) break;
      await this.run(job);
      ran += 1;
    }
    return ran;
  }

  private async scheduleRecurring(): Promise<void> {
    const now = Date.now();
    for (const [kind, interval] of recurring) {
      const slot = Math.floor(now / interval);
      await enqueue(this.db, kind, {}, { uniqueKey: `${kind}@${slot}`, maxAttempts: 1 });
    }
    // Keep the table small: finished recurring runs are of no interest after an hour.
    if (recurring.size && Math.random() < 0.05) {
      await sql`DELETE FROM jobs WHERE unique_key LIKE '%@%' AND status IN ('succeeded', 'failed')
        AND finished_at < now() - interval '1 hour'`.execute(this.db);
    }
  }

  private async claim() {
    const res = await sql<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${this.name},
        locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), started_at = now()
      WHERE id = (
        SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
        ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, max_attempts`.execute(this.db);
    return res.rows[0];
  }

  private async run(job: { id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }) {
    const handler = handlers.get(job.kind);
    const finish = (values: Record<string, unknown>) =>
      this.db
        .updateTable('jobs')
        .set({ ...values, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.name)
        .execute();
    if (!handler) {
      await finish({ status: 'failed', error: `no handler for job kind ${job.kind}`, finished_at: new Date() });
      return;
    }
    try {
      const result = await handler({
        id: job.id,
        db: this.db,
        payload: job.payload,
        attempt: job.attempts,
        log: this.log,
        progress: async (done, total, message) => {
          await sql`UPDATE jobs SET progress = ${JSON.stringify({ done, total, message: message ?? null })}::jsonb,
              locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
            WHERE id = ${job.id}`.execute(this.db);
        },
      });
      await finish({
        status: 'succeeded',
        result: JSON.stringify(result ?? null),
        finished_at: new Date(),
        error: null,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ err, job: job.id, kind: job.kind }, 'job failed');
      if (job.attempts < job.max_attempts) {
        const backoffSeconds = 2 ** job.attempts * 5;
        await finish({ status: 'queued', error: message, run_at: new Date(Date.now() + backoffSeconds * 1000) });
      } else {
        await finish({ status: 'failed', error: message, finished_at: new Date() });
      }
    }
  }
}
