import { randomBytes } from 'node:crypto';
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import pg from 'pg';
import type { Config } from '../src/kernel/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/kernel/db.ts';

/** Helpers shared by the benchmarks. */

/** A scratch database: in-memory PGlite, or a temporary database on the PostgreSQL server of DATABASE_URL. */
export async function scratchDatabase(
  config: Config,
  keep: boolean,
): Promise<{ handle: DatabaseHandle; name: string; drop: () => Promise<void> }> {
  if (!config.databaseUrl) {
    const handle = await openDatabase({ memory: true });
    return { handle, name: 'in-memory PGlite', drop: () => handle.close() };
  }
  const name = `anju_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    handle,
    name: url.toString(),
    async drop() {
      await handle.close();
      if (keep) return console.log(`  kept the bench database: ${url.toString()}`);
      const a = new pg.Client({ connectionString: config.databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
export const secs = (v: number) => `${(v / 1000).toFixed(1)} s`;

/** Runs `fn` from `concurrency` loops for `seconds`; counts the calls that returned true. */
export async function forSeconds(seconds: number, concurrency: number, fn: () => Promise<boolean>) {
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        if (await fn()) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = performance.now() - t0;
  return { ok, failed, elapsed, rate: (ok * 1000) / elapsed };
}

/** Latency of `fn` over `runs` calls after `warmup` unmeasured ones, one at a time. */
export async function latency(runs: number, warmup: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  return { p50: at(50), p95: at(95), max: times[times.length - 1] };
}

export const met = (value: number, goal: number) => (value < goal ? 'met' : 'MISSED');

/** Records the queries a call runs, so they can be shown with EXPLAIN ANALYZE. */
function recorder() {
  // transformQuery also sees builders that only become part of another query (a union's parts): keep the
  // queries that returned a result, i.e. ran.
  const seen = new Map<string, RootOperationNode>();
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.set(args.queryId.queryId, args.node);
      return args.node;
    },
    transformResult: async (args) => {
      const node = seen.get(args.queryId.queryId);
      if (node) nodes.push(node);
      return args.result;
    },
  };
  return { nodes, plugin };
}

export async function explain(
  handle: DatabaseHandle,
  label: string,
  run: (db: DatabaseHandle['db']) => Promise<unknown>,
) {
  const { nodes, plugin } = recorder();
  await run(handle.db.withPlugin(plugin));
  for (const [i, node] of nodes.entries()) {
    const q = handle.db.getExecutor().compileQuery(node, { queryId: `explain-${i}` });
    const plan = await handle.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]),
    );
    console.log(`\n  EXPLAIN ANALYZE ${label} [query ${i + 1}/${nodes.length}]\n  ${q.sql}`);
    for (const r of plan.rows) console.log(`    ${r['QUERY PLAN']}`);
  }
}

/** Counts the app's statements by kind (Select, Insert, Raw…), to show what one request costs in round trips. */
export function statementCounter() {
  const kinds = new Map<string, number>();
  const pending = new Map<string, string>();
  const counter: KyselyPlugin = {
    transformQuery: (a) => {
      pending.set(a.queryId.queryId, a.node.kind.replace(/QueryNode$|Node$/, ''));
      return a.node;
    },
    transformResult: async (a) => {
      const kind = pending.get(a.queryId.queryId) ?? '?';
      pending.delete(a.queryId.queryId);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      return a.result;
    },
  };
  return { kinds, counter };
}
