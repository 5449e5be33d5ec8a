import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { contextAs, createSession } from '../src/kernel/auth/sessions.ts';
import type { Config } from '../src/kernel/config.ts';
import type { DatabaseHandle } from '../src/kernel/db.ts';
import { newId } from '../src/kernel/ids.ts';
import { migrate } from '../src/kernel/migrate.ts';
import { billEstate } from '../src/modules/finance/bill-run.ts';
import { entryHash, GENESIS } from '../src/modules/finance/chain.ts';
import { verifyLedger } from '../src/modules/finance/index.ts';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { forSeconds, scratchDatabase, secs, statementCounter } from './common.ts';
import { httpLoad } from './http-load.ts';

/**
 * The finance benchmark, in one run on a scratch database (in-memory PGlite, or a temporary database on the
 * PostgreSQL server of DATABASE_URL):
 * 1. a city of `units` units in `estates` estates, each with a service fee; the bill run for a month, estate by
 *    estate as the job does it (bills raised and booked), beside one raw INSERT … SELECT of the same rows into a
 *    table shaped like bills (no indexes, no ledger): the database's own limit for that work;
 * 2. desk payments over HTTP (each settles a bill and posts to its estate's ledger) beside single-row INSERTs into
 *    a table shaped like payments, and a bare HTTP server doing that INSERT;
 * 3. `ledger verify` (every chain recomputed, every balance re-added) over `entries` journal entries.
 * It prints figures and ratios beside their goals; it never asserts timings.
 */

const GOAL_RATIO = 0.5;
const PERIOD = '2026-11';

/** Estates under 望江街道 managed by the demo's first company, their buildings and units, one fee item each. */
async function buildCity(handle: DatabaseHandle, estates: number, units: number, companyId: string) {
  const db = handle.db;
  const perEstate = Math.ceil(units / estates);
  await sql`
    INSERT INTO estates (id, code, name, address, street_id, community_id, region_path, service_grade,
      management_mode, company_id, total_area)
    SELECT gen_random_uuid(), 'BF-' || lpad(e::text, 4, '0'), '财务测试小区' || e, '望江路' || e || '号', s.id, c.id,
      c.path, 3, 'company', ${companyId}::uuid, 0
    FROM regions s, regions c, generate_series(1, ${estates}::int) AS e WHERE s.code = 'WJ' AND c.code = 'WJ1'`.execute(
    db,
  );
  await sql`
    INSERT INTO buildings (id, estate_id, name, floors)
    SELECT gen_random_uuid(), e.id, b || '栋', 30 FROM estates e, generate_series(1, 10) AS b
    WHERE e.code LIKE 'BF-%'`.execute(db);
  await sql`
    INSERT INTO units (id, estate_id, building_id, number, floor, use, area_registered, holder)
    SELECT gen_random_uuid(), b.estate_id, b.id, (g / 4 + 1) * 100 + g % 4 + 1, g / 4 + 1, 'residence',
      7000 + (g * 37) % 8000, 'owner'
    FROM buildings b JOIN estates e ON e.id = b.estate_id, generate_series(0, ${Math.ceil(perEstate / 10) - 1}::int) AS g
    WHERE e.code LIKE 'BF-%'`.execute(db);
  await sql`
    INSERT INTO fee_items (id, estate_id, name, basis, price_fen, uses, service_fee)
    SELECT gen_random_uuid(), id, '物业服务费', 'area_month', 185, '{residence}', true FROM estates
    WHERE code LIKE 'BF-%'`.execute(db);
  await sql`ANALYZE`.execute(db);
  const rows = await db.selectFrom('estates').select('id').where('code', 'like', 'BF-%').orderBy('code').execute();
  return rows.map((r) => r.id);
}

/** The same bills as one INSERT … SELECT into an unindexed copy of the table: no run, no ledger, no job. */
async function rawBillRate(handle: DatabaseHandle) {
  await sql`CREATE TABLE bench_bills (LIKE bills INCLUDING DEFAULTS)`.execute(handle.db);
  const t0 = performance.now();
  const r = await sql`
    INSERT INTO bench_bills (id, estate_id, unit_id, item_id, period, days, price_fen, area, amount_fen)
    SELECT uuid_v7(), u.estate_id, u.id, f.id, ${PERIOD}, 30, f.price_fen, u.area_registered,
      (2 * f.price_fen::bigint * u.area_registered * 30 + 3000) / 6000
    FROM units u JOIN fee_items f ON f.estate_id = u.estate_id`.execute(handle.db);
  const elapsed = performance.now() - t0;
  await sql`DROP TABLE bench_bills`.execute(handle.db);
  return { rows: Number(r.numAffectedRows ?? 0), elapsed, rate: (Number(r.numAffectedRows ?? 0) * 1000) / elapsed };
}

/** One autocommitted single-row INSERT into a table shaped like payments: the database's own limit. */
async function rawPaymentInserter(handle: DatabaseHandle) {
  const table = `bench_pay_${randomBytes(3).toString('hex')}`;
  await sql.raw(`CREATE TABLE ${table} (LIKE payments INCLUDING DEFAULTS)`).execute(handle.db);
  let n = 0;
  return {
    async insert() {
      n += 1;
      await sql`INSERT INTO ${sql.table(table)} (id, estate_id, unit_id, channel, amount_fen, out_trade_no)
        VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'cash', 100, ${`RAW${n}`})`.execute(handle.db);
      return true;
    },
    drop: () => sql.raw(`DROP TABLE ${table}`).execute(handle.db),
  };
}

/**
 * 1,000 entries per estate chain, hashed as posting would, loaded by COPY with the posting trigger off and the
 * balances set from the legs afterwards (set-up only: the run itself posts through the trigger).
 */
async function loadEntries(handle: DatabaseHandle, count: number) {
  const db = handle.db;
  const estates = Math.ceil(count / 1000);
  const accounts: unknown[][] = [];
  const entries: unknown[][] = [];
  const at = new Date('2026-01-01T00:00:00Z');
  for (let e = 0; e < estates; e++) {
    const estateId = newId();
    const bank = newId();
    const revenue = newId();
    accounts.push(
      [bank, estateId, 'bank', null, 'asset', false, 0],
      [revenue, estateId, 'company_revenue', null, 'revenue', true, 0],
    );
    let prev = GENESIS;
    for (let seq = 1; seq <= Math.min(1000, count - e * 1000); seq++) {
      const amount = 100 + ((seq * 37) % 10_000);
      const entry = {
        id: newId(),
        estateId,
        seq,
        kind: 'bench',
        memo: '收款',
        idempotencyKey: `bench:${seq}`,
        reverses: null,
        document: null,
        accountIds: [bank, revenue],
        amounts: [amount, -amount],
        postedAt: at,
      };
      const hash = entryHash(prev, entry);
      entries.push([
        entry.id,
        estateId,
        seq,
        'bench',
        '收款',
        entry.idempotencyKey,
        `{${bank},${revenue}}`,
        `{${amount},${-amount}}`,
        at.toISOString(),
        prev,
        hash,
      ]);
      prev = hash;
    }
    await db
      .insertInto('ledger_heads')
      .values({ estate_id: estateId, seq: Math.min(1000, count - e * 1000), hash: prev })
      .execute();
  }
  await handle.copyRows(
    'ledger_accounts',
    ['id', 'estate_id', 'code', 'unit_id', 'kind', 'may_go_negative', 'balance'],
    accounts,
  );
  await sql`ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_balances`.execute(db);
  try {
    await handle.copyRows(
      'journal_entries',
      [
        'id',
        'estate_id',
        'seq',
        'kind',
        'memo',
        'idempotency_key',
        'account_ids',
        'amounts',
        'posted_at',
        'prev_hash',
        'hash',
      ],
      entries,
    );
  } finally {
    await sql`ALTER TABLE journal_entries ENABLE TRIGGER journal_entries_balances`.execute(db);
  }
  await sql`ALTER TABLE ledger_accounts DISABLE TRIGGER ledger_accounts_guard`.execute(db);
  await sql`
    UPDATE ledger_accounts a SET balance = s.total
    FROM (SELECT l.id, sum(l.amount) AS total FROM journal_entries e, unnest(e.account_ids, e.amounts) AS l(id, amount)
          WHERE e.kind = 'bench' GROUP BY l.id) s
    WHERE a.id = s.id`.execute(db);
  await sql`ALTER TABLE ledger_accounts ENABLE TRIGGER ledger_accounts_guard`.execute(db);
}

export async function benchFinance(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: {
      units: { type: 'string' },
      estates: { type: 'string' },
      entries: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const pg = !!config.databaseUrl;
  const units = Number(values.units ?? (pg ? 300_000 : 60_000));
  const estateCount = Number(values.estates ?? 150);
  const entryCount = Number(values.entries ?? (pg ? 1_000_000 : 200_000));
  const seconds = Number(values.seconds ?? 8);
  const concurrency = Number(values.concurrency ?? 8);
  const engine = pg ? 'postgres' : 'pglite';
  console.log(
    `bench finance: engine ${engine}, ${units} units in ${estateCount} estates, ${entryCount} journal entries`,
  );
  const { handle, drop } = await scratchDatabase(config, !!values.keep);
  const figures: [string, string, string, string][] = [];
  try {
    await migrate(handle);
    await seedDemo(handle.db);
    const ctx = await contextAs(handle.db, 'company.admin');
    const companyId = ctx?.actor.bindings.find((b) => b.role === 'company_admin')?.scopeId;
    if (!ctx || !companyId) throw new Error('no company.admin');
    let t0 = performance.now();
    const estateIds = await buildCity(handle, estateCount, units, companyId);
    console.log(`  city built in ${secs(performance.now() - t0)}`);

    // 1. The bill run, as the job runs it.
    t0 = performance.now();
    let bills = 0;
    for (const id of estateIds) bills += (await billEstate(handle.db, ctx, id, PERIOD)).bills;
    const runMs = performance.now() - t0;
    const runRate = (bills * 1000) / runMs;
    // As autovacuum would by the time anyone pays: the planner sees the bills and accounts the run wrote.
    await sql`ANALYZE`.execute(handle.db);
    const raw = await rawBillRate(handle);
    console.log(
      `bill run: ${bills} bills in ${secs(runMs)} (${runRate.toFixed(0)}/s); raw INSERT … SELECT: ${raw.rows} rows in ${secs(raw.elapsed)} (${raw.rate.toFixed(0)}/s)`,
    );
    figures.push(
      ['bill run, bills/s (raised + booked, per estate)', runRate.toFixed(0), '(context)', ''],
      ['raw INSERT … SELECT, rows/s', raw.rate.toFixed(0), '(context)', ''],
      [
        'bill run ÷ raw INSERT … SELECT',
        (runRate / raw.rate).toFixed(2),
        `>= ${GOAL_RATIO}`,
        runRate / raw.rate >= GOAL_RATIO ? 'met' : 'MISSED',
      ],
    );

    // 2. Desk payments over HTTP: each one settles part of a bill and posts to its estate's chain.
    const { kinds, counter } = statementCounter();
    const app = await buildApp(
      { ...handle, db: handle.db.withPlugin(counter) },
      {
        ...config,
        dataDir: path.join(os.tmpdir(), `anju-bench-${randomBytes(4).toString('hex')}`),
        logLevel: 'silent',
        worker: false,
      },
    );
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const session = await createSession(handle.db, ctx.actor.accountId as string, 12, { userAgent: 'bench' });
      // Payers across the city, shuffled: each estate's chain takes its payments in turn, estates in parallel.
      const unitRows = await sql<{ id: string }>`
        SELECT unit_id AS id FROM bills WHERE period = ${PERIOD} ORDER BY md5(unit_id::text) LIMIT 40000`.execute(
        handle.db,
      );
      const bodies = unitRows.rows.map((u, i) =>
        JSON.stringify({ unitId: u.id, channel: 'cash', amountFen: 100, voucherNo: `XJ${i}` }),
      );
      kinds.clear();
      const http = await httpLoad({
        url: `${base}/api/v1/finance/payments/desk`,
        headers: {
          'content-type': 'application/json',
          cookie: `anju_session=${session.token}`,
          'x-csrf-token': session.csrfToken,
        },
        bodies,
        expect: 201,
        seconds,
        concurrency,
      });
      const perPayment = [...kinds].map(([k, v]) => `${(v / Math.max(1, http.ok)).toFixed(1)} ${k}`).join(', ');
      const statements = [...kinds.values()].reduce((a, b) => a + b, 0) / Math.max(1, http.ok);
      console.log(
        `  SQL statements per desk payment (incl. the session check, without BEGIN/COMMIT): ${statements.toFixed(1)} = ${perPayment}`,
      );
      const rawPay = await rawPaymentInserter(handle);
      const rawRate = await forSeconds(seconds, concurrency, rawPay.insert);
      await rawPay.drop();
      const bareRaw = await rawPaymentInserter(handle);
      const bare = Fastify();
      bare.post('/raw', async (_req, reply) => reply.status(201).send({ ok: await bareRaw.insert() }));
      await bare.listen({ port: 0, host: '127.0.0.1' });
      const bareRate = await httpLoad({
        url: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/raw`,
        headers: { 'content-type': 'application/json' },
        bodies: ['{}'],
        expect: 201,
        seconds,
        concurrency,
      });
      await bare.close();
      await bareRaw.drop();
      console.log(
        `payments: ${http.rate.toFixed(0)}/s over HTTP (${http.ok} ok, ${http.failed} failed${http.firstError ? `, first error ${http.firstError}` : ''}); raw INSERT ${rawRate.rate.toFixed(0)}/s; bare HTTP + INSERT ${bareRate.rate.toFixed(0)}/s`,
      );
      figures.push(
        [
          'payments/s over HTTP ÷ raw INSERT/s',
          `${http.rate.toFixed(0)} / ${rawRate.rate.toFixed(0)} = ${(http.rate / rawRate.rate).toFixed(2)}`,
          `>= ${GOAL_RATIO}`,
          http.rate / rawRate.rate >= GOAL_RATIO ? 'met' : 'MISSED',
        ],
        [
          'payments/s ÷ bare HTTP + INSERT/s',
          `${http.rate.toFixed(0)} / ${bareRate.rate.toFixed(0)} = ${(http.rate / bareRate.rate).toFixed(2)}`,
          '(context)',
          '',
        ],
      );
    } finally {
      await app.close();
    }

    // 3. ledger verify over the journal.
    t0 = performance.now();
    await loadEntries(handle, entryCount);
    console.log(`  ${entryCount} journal entries loaded in ${secs(performance.now() - t0)}`);
    t0 = performance.now();
    const report = await verifyLedger(handle.db);
    const verifyMs = performance.now() - t0;
    console.log(
      `ledger verify: ${report.entries} entries, ${report.accounts} accounts in ${secs(verifyMs)}; ${report.problem ?? 'no discrepancy'}`,
    );
    figures.push([
      `ledger verify over ${report.entries} entries`,
      secs(verifyMs),
      '(time)',
      report.problem ? 'BROKEN' : 'ok',
    ]);
  } finally {
    await drop();
  }
  console.log(`\nfinance (engine ${engine}, ${units} units, ${estateCount} estates)`);
  for (const [what, value, goal, verdict] of figures)
    console.log(`  ${what.padEnd(48)} ${value.padStart(22)}  goal ${goal.padEnd(14)} ${verdict}`);
}
