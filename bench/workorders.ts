import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import type { Actor } from '../src/kernel/auth/roles.ts';
import type { Config } from '../src/kernel/config.ts';
import type { DatabaseHandle } from '../src/kernel/db.ts';
import type { RequestContext } from '../src/kernel/http.ts';
import { migrate } from '../src/kernel/migrate.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { listTickets } from '../src/modules/workorders/queries.ts';
import { workorderMetrics } from '../src/modules/workorders/stats.ts';
import { explain, forSeconds, latency, met, ms, scratchDatabase, secs, statementCounter } from './common.ts';
import { httpLoad } from './http-load.ts';

/**
 * The work-order benchmark, in one run on a scratch database (in-memory PGlite, or a temporary database on the
 * PostgreSQL server of DATABASE_URL):
 * 1. tickets created per second through the HTTP API (a signed-in resident, a few requests in flight) beside the
 *    same machine's raw single-row INSERT rate through the same driver, into a scratch table shaped like tickets;
 * 2. a million generated tickets (set-based: INSERT … SELECT generate_series), their whistles and rollups, then
 *    the latency of a company admin's queue (listTickets sorted by due) and of the city-wide metrics.
 * It prints figures and ratios beside their goals; it never asserts timings.
 */

const GOALS = { ratio: 0.5, queueMs: 20, metricsMs: 200 };

/** A resident session over real HTTP: OTP request, the code from the notification outbox, login. */
async function residentSession(handle: DatabaseHandle, base: string) {
  const post = (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const sent = await post('/api/v1/auth/otp/request', { phone: DEMO_RESIDENT_PHONE });
  if (sent.status !== 200) throw new Error(`otp request: ${sent.status} ${await sent.text()}`);
  const note = await handle.db
    .selectFrom('notifications')
    .select('params')
    .where('template', '=', 'auth.otp')
    .where('recipient', '=', DEMO_RESIDENT_PHONE)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = (note.params as { code: string }).code;
  const res = await post('/api/v1/auth/otp/login', { phone: DEMO_RESIDENT_PHONE, code });
  if (res.status !== 200) throw new Error(`otp login: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('anju_session='));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  if (!session || !csrfToken) throw new Error('otp login: no session cookie or CSRF token');
  return { cookie: session, csrf: csrfToken };
}

/** One autocommitted single-row INSERT into a table shaped like tickets: the database's own limit. */
async function rawInserter(handle: DatabaseHandle, like: string) {
  const table = `bench_raw_${randomBytes(3).toString('hex')}`;
  await sql.raw(`CREATE TABLE ${table} (LIKE tickets ${like})`).execute(handle.db);
  const template = await sql<Record<string, unknown>>`SELECT * FROM tickets LIMIT 1`.execute(handle.db);
  const row = template.rows[0];
  if (!row) throw new Error('no ticket to copy the shape from');
  let serial = 0;
  return {
    async insert() {
      const n = ++serial;
      await sql`INSERT INTO ${sql.table(table)} (id, number, estate_id, region_path, street_id, community_id,
          company_id, category_id, kind, priority, state, description, place_kind, unit_id, building_id, place_text,
          channel, reporter_account_id, reporter_person_id, reporter_name, reporter_phone, handler_kind,
          responsible_kind, responsible_id, submitted_at, response_due, resolution_due, remind_at, updated_at)
        VALUES (gen_random_uuid(), ${`RAW-${n}`}, ${row.estate_id}, ${row.region_path}, ${row.street_id},
          ${row.community_id}, ${row.company_id}, ${row.category_id}, ${row.kind}, ${row.priority}, ${row.state},
          ${row.description}, ${row.place_kind}, ${row.unit_id}, ${row.building_id}, ${row.place_text}, ${row.channel},
          ${row.reporter_account_id}, ${row.reporter_person_id}, ${row.reporter_name}, ${row.reporter_phone},
          ${row.handler_kind}, ${row.responsible_kind}, ${row.responsible_id}, ${row.submitted_at}, ${row.response_due},
          ${row.resolution_due}, ${row.remind_at}, ${row.updated_at})`.execute(handle.db);
      return true;
    },
    drop: () => sql.raw(`DROP TABLE ${table}`).execute(handle.db),
  };
}

async function rawInsertRate(handle: DatabaseHandle, seconds: number, concurrency: number, like: string) {
  const raw = await rawInserter(handle, like);
  const result = await forSeconds(seconds, concurrency, raw.insert);
  await raw.drop();
  return result;
}

/** A bare Fastify server whose one route runs that INSERT: the ceiling for any HTTP write on this machine. */
async function bareHttpInsertRate(handle: DatabaseHandle, seconds: number, concurrency: number) {
  const raw = await rawInserter(handle, 'INCLUDING DEFAULTS');
  const bare = Fastify();
  bare.post('/raw', async (_req, reply) => reply.status(201).send({ ok: await raw.insert() }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/raw`;
    const headers = { 'content-type': 'application/json' };
    return await httpLoad({ url, headers, bodies: ['{}'], expect: 201, seconds, concurrency });
  } finally {
    await bare.close();
    await raw.drop();
  }
}

/**
 * `count` tickets over the demo's estates, submitted over the last 24 months: ~5 % still open (submitted within
 * the last 30 days, in the states before closing), the rest closed, rejected, merged or out of scope; ~3 % were
 * whistled to a department. Set-based, in batches so PGlite's memory stays small.
 */
export async function generateTickets(
  handle: DatabaseHandle,
  count: number,
  batch: number,
  progress: (n: number) => void,
) {
  const db = handle.db;
  await sql`SELECT setseed(0.2026)`.execute(db);
  for (let lo = 1; lo <= count; lo += batch) {
    const hi = Math.min(count, lo + batch - 1);
    await sql`
      WITH e AS (SELECT row_number() OVER (ORDER BY code) - 1 AS n, * FROM estates),
      ne AS (SELECT count(*) AS c FROM e),
      c AS (SELECT row_number() OVER (ORDER BY code) - 1 AS n, * FROM workorder_categories WHERE level = 3 AND active),
      nc AS (SELECT count(*) AS c FROM c),
      d AS (SELECT row_number() OVER (ORDER BY kind) - 1 AS n, id FROM departments),
      nd AS (SELECT count(*) AS c FROM d),
      g AS (
        SELECT g, random() AS r_state, random() AS r_age, random() AS r_late, random() AS r_sat, random() AS r_misc,
               (random() * 1e9)::bigint AS r_pick
        FROM generate_series(${lo}::int, ${hi}::int) AS g),
      t AS (
        SELECT g.*,
          CASE WHEN r_state < 0.05 THEN now() - r_age * interval '30 days' ELSE now() - r_age * interval '730 days' END
            AS sub,
          CASE
            WHEN r_state < 0.010 THEN 'submitted' WHEN r_state < 0.018 THEN 'accepted'
            WHEN r_state < 0.028 THEN 'dispatched' WHEN r_state < 0.042 THEN 'in_progress'
            WHEN r_state < 0.046 THEN 'waiting_resident' WHEN r_state < 0.048 THEN 'escalation_requested'
            WHEN r_state < 0.050 THEN 'whistled' WHEN r_state < 0.060 THEN 'rejected'
            WHEN r_state < 0.065 THEN 'merged' WHEN r_state < 0.070 THEN 'out_of_scope' ELSE 'closed' END AS state
        FROM g)
      INSERT INTO tickets (id, number, estate_id, region_path, street_id, community_id, company_id, category_id, kind,
        priority, state, description, place_kind, place_text, channel, reporter_name, reporter_phone, handler_kind,
        responsible_kind, responsible_id, department_id, submitted_at, response_due, resolution_due, remind_at,
        breached, accepted_at, dispatched_at, responded_at, resolved_at, resolved_late, verified_at, closed_at,
        feedback_solved, satisfaction, rework_count, reopen_count, closed_count, decline_count, reroute_count,
        updated_at)
      SELECT gen_random_uuid(), 'WB' || lpad(t.g::text, 8, '0'), e.id, e.region_path, e.street_id, e.community_id,
        e.company_id, c.id, c.kind, c.priority, t.state, '楼上漏水，卫生间天花板渗水，请尽快派人查看处理', 'common',
        '公共区域', 'resident', '业主', '138' || lpad((t.g % 100000000)::text, 8, '0'),
        CASE WHEN e.company_id IS NULL THEN 'community' ELSE 'company' END,
        CASE WHEN t.state IN ('closed', 'rejected', 'merged', 'out_of_scope') THEN 'none'
             WHEN t.state IN ('whistled') THEN 'department'
             WHEN t.state IN ('escalation_requested') THEN 'street'
             WHEN e.company_id IS NULL THEN 'community' ELSE 'company' END,
        CASE WHEN t.state IN ('closed', 'rejected', 'merged', 'out_of_scope') THEN NULL
             ELSE coalesce(e.company_id, e.community_id) END,
        CASE WHEN t.r_misc < 0.03 OR t.state = 'whistled' THEN d.id END,
        t.sub, t.sub + interval '2 hours', t.sub + interval '3 days',
        CASE WHEN t.state NOT IN ('closed', 'rejected', 'merged', 'out_of_scope', 'waiting_resident')
              AND t.sub + interval '3 days' > now() THEN t.sub + interval '58 hours' END,
        t.state NOT IN ('closed', 'rejected', 'merged', 'out_of_scope', 'waiting_resident')
          AND t.sub + interval '3 days' < now(),
        CASE WHEN t.state NOT IN ('submitted', 'rejected', 'out_of_scope') THEN t.sub + interval '10 minutes' END,
        CASE WHEN t.state NOT IN ('submitted', 'accepted', 'rejected', 'merged', 'out_of_scope')
             THEN t.sub + interval '20 minutes' END,
        CASE WHEN t.state IN ('in_progress', 'waiting_resident', 'escalation_requested', 'whistled', 'closed')
             THEN t.sub + CASE WHEN t.r_late < 0.08 THEN interval '3 hours' ELSE interval '1 hour' END END,
        CASE WHEN t.state = 'closed' THEN t.sub + t.r_late * interval '4 days' END,
        CASE WHEN t.state = 'closed' THEN t.r_late > 0.75 END,
        CASE WHEN t.state = 'closed' THEN t.sub + t.r_late * interval '4 days' + interval '4 hours' END,
        CASE WHEN t.state = 'closed' THEN t.sub + t.r_late * interval '4 days' + interval '1 day'
             WHEN t.state IN ('rejected', 'merged', 'out_of_scope') THEN t.sub + interval '1 hour' END,
        CASE WHEN t.state = 'closed' AND t.r_sat < 0.7 THEN t.r_sat < 0.63 END,
        CASE WHEN t.state = 'closed' AND t.r_sat < 0.6 THEN
          CASE WHEN t.r_sat < 0.45 THEN 'satisfied' WHEN t.r_sat < 0.55 THEN 'basically_satisfied'
               ELSE 'dissatisfied' END END,
        CASE WHEN t.state = 'closed' AND t.r_misc > 0.97 THEN 1 ELSE 0 END,
        CASE WHEN t.state = 'closed' AND t.r_misc > 0.98 THEN 1 ELSE 0 END,
        CASE WHEN t.state = 'closed' THEN 1 ELSE 0 END,
        CASE WHEN t.r_misc BETWEEN 0.03 AND 0.04 THEN 1 ELSE 0 END,
        CASE WHEN t.r_misc BETWEEN 0.04 AND 0.05 THEN 1 ELSE 0 END,
        coalesce(
          CASE WHEN t.state = 'closed' THEN t.sub + t.r_late * interval '4 days' + interval '1 day'
               WHEN t.state IN ('rejected', 'merged', 'out_of_scope') THEN t.sub + interval '1 hour' END, t.sub)
      FROM t CROSS JOIN ne CROSS JOIN nc CROSS JOIN nd
      JOIN e ON e.n = t.r_pick % ne.c
      JOIN c ON c.n = (t.r_pick / 16) % nc.c
      JOIN d ON d.n = (t.r_pick / 7) % nd.c`.execute(db);
    progress(hi);
  }
  // A whistle for each ticket sent to a department; one in ten reported late.
  await sql`
    INSERT INTO ticket_whistles (id, ticket_id, department_id, region_path, whistled_at, report_due, reported_at,
      reported_late)
    SELECT gen_random_uuid(), id, department_id, region_path, submitted_at + interval '4 hours',
      submitted_at + interval '6 hours',
      CASE WHEN state <> 'whistled' THEN submitted_at + CASE WHEN random() < 0.1 THEN interval '7 hours'
                                                               ELSE interval '5 hours' END END,
      CASE WHEN state <> 'whistled' THEN false END
    FROM tickets WHERE department_id IS NOT NULL`.execute(db);
  await sql`UPDATE ticket_whistles SET reported_late = reported_at > report_due WHERE reported_at IS NOT NULL`.execute(
    db,
  );
  // The tickets carry their whistle counts, as the app keeps them, for the rollups below.
  await sql`
    UPDATE tickets t SET whistle_count = 1, reported_in_time = CASE WHEN w.reported_late = false THEN 1 ELSE 0 END
    FROM ticket_whistles w WHERE w.ticket_id = t.id`.execute(db);
}

/** ticket_rollups as the sums of every ticket's counters (metrics.ts countersOf), by the Shanghai month. */
export async function fillRollups(handle: DatabaseHandle) {
  await sql`TRUNCATE ticket_rollups, ticket_rollup_deltas`.execute(handle.db);
  await sql`
    INSERT INTO ticket_rollups (month, estate_id, company_id, department_id, region_path, tickets, dispatched,
      responded_in_time, fed_back, solved, rated, satisfied, due, on_time, closed, reopened, misrouted, whistles,
      reported_in_time)
    SELECT date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, estate_id, company_id,
      department_id, min(region_path), count(*),
      count(*) FILTER (WHERE dispatched_at IS NOT NULL),
      count(*) FILTER (WHERE dispatched_at IS NOT NULL AND responded_at IS NOT NULL
                         AND (response_due IS NULL OR responded_at <= response_due)),
      count(*) FILTER (WHERE feedback_solved IS NOT NULL),
      count(*) FILTER (WHERE feedback_solved),
      count(*) FILTER (WHERE satisfaction IS NOT NULL),
      count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically_satisfied')),
      count(*) FILTER (WHERE resolved_at IS NOT NULL OR breached),
      count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolved_late = false),
      count(*) FILTER (WHERE closed_count > 0),
      count(*) FILTER (WHERE reopen_count > 0),
      count(*) FILTER (WHERE decline_count + reroute_count > 0),
      sum(whistle_count), sum(reported_in_time)
    FROM tickets GROUP BY 1, 2, 3, 4`.execute(handle.db);
}

const monthOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(d)
    .slice(0, 7);

export async function benchWorkorders(args: string[], config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tickets: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      batch: { type: 'string' },
      explain: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  const count = Number(values.tickets ?? (engine === 'postgres' ? 1_000_000 : 200_000));
  const seconds = Number(values.seconds ?? 10);
  const concurrency = Number(values.concurrency ?? 8);
  const batch = Number(values.batch ?? 100_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-bench-'));
  console.log(
    `bench workorders: engine ${engine}, ${seconds} s of HTTP creation with ${concurrency} in flight, ${count} generated tickets`,
  );
  if (engine === 'pglite' && count < 1_000_000)
    console.log(`  NOTE: PGlite runs with ${count} tickets, not 1,000,000 (set DATABASE_URL for the full million)`);

  const { handle, drop } = await scratchDatabase(config, !!values.keep);
  const figures: [string, string, string, string][] = [];
  try {
    await migrate(handle);
    await seedDemo(handle.db);
    // The app's statements are counted (by kind) to show what one ticket costs in round trips.
    const { kinds, counter } = statementCounter();
    const app = await buildApp(
      { ...handle, db: handle.db.withPlugin(counter) },
      { ...config, dataDir, logLevel: 'silent', worker: false },
    );
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

      // 1. Ticket creation over HTTP beside the raw single-row INSERT rate.
      const { cookie, csrf } = await residentSession(handle, base);
      const get = async <T>(url: string) => {
        const res = await fetch(`${base}${url}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      };
      const units = await get<{ id: string; estateId: string; use: string }[]>('/api/v1/me/units');
      const categories = await get<{ id: string; level: number; handler: string | null; active: boolean }[]>(
        '/api/v1/workorders/categories',
      );
      const unit = units.find((u) => u.use === 'residence') ?? units[0];
      const leaves = categories.filter((c) => c.level === 3 && c.active && c.handler === 'company');
      if (!unit || !leaves.length) throw new Error('no unit or leaf category for the demo resident');
      const bodies = leaves.map((leaf) =>
        JSON.stringify({
          estateId: unit.estateId,
          categoryId: leaf.id,
          description: '楼上漏水，卫生间天花板渗水，请尽快派人查看处理',
          placeKind: 'unit',
          unitId: unit.id,
        }),
      );
      const load = (secondsOf: number) =>
        httpLoad({
          url: `${base}/api/v1/workorders/tickets`,
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          bodies,
          expect: 201,
          seconds: secondsOf,
          concurrency,
        });
      await load(1); // warm-up: JIT, plans, connections
      const raw1 = await rawInsertRate(handle, seconds, concurrency, 'INCLUDING DEFAULTS');
      kinds.clear();
      const http = await load(seconds);
      const firstError = http.firstError;
      const perTicket = [...kinds].map(([k, v]) => `${(v / Math.max(1, http.ok)).toFixed(1)} ${k}`).join(', ');
      const statements = [...kinds.values()].reduce((a, b) => a + b, 0) / Math.max(1, http.ok);
      const raw2 = await rawInsertRate(handle, seconds, concurrency, 'INCLUDING DEFAULTS');
      const rawIx = await rawInsertRate(handle, Math.max(2, seconds / 2), concurrency, 'INCLUDING ALL');
      const bare = await bareHttpInsertRate(handle, seconds, concurrency);
      const raw = Math.max(raw1.rate, raw2.rate);
      console.log(
        `  HTTP POST /workorders/tickets: ${http.ok} created (201) in ${secs(http.elapsed)}, ${http.failed} failed${firstError ? ` (first: ${firstError})` : ''}`,
      );
      console.log(
        `  SQL statements per created ticket (incl. the session check, without BEGIN/COMMIT): ${statements.toFixed(1)} = ${perTicket}`,
      );
      console.log(
        `  raw single-row INSERT (LIKE tickets, no indexes): ${raw1.rate.toFixed(0)} and ${raw2.rate.toFixed(0)} rows/s (before/after); with the tickets indexes: ${rawIx.rate.toFixed(0)} rows/s`,
      );
      const ratio = http.rate / raw;
      console.log(
        `  a bare HTTP server running that INSERT per request (the ceiling for any HTTP write here): ${bare.rate.toFixed(0)} requests/s`,
      );
      console.log(
        `create: ${http.rate.toFixed(0)} tickets/s over HTTP; raw INSERT: ${raw.toFixed(0)} rows/s; ratio ${ratio.toFixed(2)} (goal >= ${GOALS.ratio}); against bare HTTP + INSERT ${(http.rate / bare.rate).toFixed(2)} (engine ${engine})`,
      );
      figures.push([
        'tickets/s over HTTP ÷ raw INSERT/s',
        `${http.rate.toFixed(0)} / ${raw.toFixed(0)} = ${ratio.toFixed(2)}`,
        `>= ${GOALS.ratio}`,
        ratio >= GOALS.ratio ? 'met' : 'MISSED',
      ]);
      figures.push([
        'tickets/s ÷ bare HTTP + INSERT/s',
        `${http.rate.toFixed(0)} / ${bare.rate.toFixed(0)} = ${(http.rate / bare.rate).toFixed(2)}`,
        '(context)',
        '',
      ]);
    } finally {
      await app.close();
    }

    // 2. The generated tickets. The HTTP run's tickets go first, so every figure is over exactly `count`.
    await sql`TRUNCATE tickets CASCADE`.execute(handle.db);
    let t0 = performance.now();
    await generateTickets(handle, count, batch, (done) => {
      const elapsed = performance.now() - t0;
      process.stdout.write(
        `\r  generating tickets: ${done}/${count} in ${secs(elapsed)} (${Math.round((done * 1000) / elapsed)} rows/s)`,
      );
    });
    const genMs = performance.now() - t0;
    t0 = performance.now();
    await fillRollups(handle);
    const rollupMs = performance.now() - t0;
    t0 = performance.now();
    await sql`ANALYZE`.execute(handle.db);
    const stats = await sql<{ open: number; whistles: number; rollups: number }>`
      SELECT (SELECT count(*)::int FROM tickets WHERE closed_at IS NULL) AS open,
             (SELECT count(*)::int FROM ticket_whistles) AS whistles,
             (SELECT count(*)::int FROM ticket_rollups) AS rollups`.execute(handle.db);
    const { open, whistles, rollups } = stats.rows[0];
    console.log(
      `\n  generated ${count} tickets in ${secs(genMs)} (${Math.round((count * 1000) / genMs)} rows/s, with whistles), rollups in ${secs(rollupMs)}, ANALYZE in ${secs(performance.now() - t0)}`,
    );
    console.log(`  ${open} open tickets, ${whistles} whistles, ${rollups} rollup rows`);

    // Company queue: the company with the most open tickets, as its admin sees it.
    const company = await handle.db
      .selectFrom('tickets')
      .select(['company_id', sql<number>`count(*)::int`.as('open')])
      .where('closed_at', 'is', null)
      .where('company_id', 'is not', null)
      .groupBy('company_id')
      .orderBy(sql`count(*)`, 'desc')
      .executeTakeFirstOrThrow();
    const companyId = company.company_id as string;
    const admin = await handle.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'company.admin')
      .executeTakeFirstOrThrow();
    const companyCtx: RequestContext = {
      actor: {
        accountId: admin.id,
        kind: 'staff',
        displayName: 'bench',
        personId: null,
        bindings: [{ role: 'company_admin', scopeType: 'company', scopeId: companyId, scopePath: null }],
        via: 'session',
      },
      lang: 'zh-CN',
      requestId: 'bench',
    };
    const queue = (db = handle.db) => listTickets(db, companyCtx, { sort: 'due', open: true, limit: 50 });
    const first = await queue();
    const cursor = first.nextCursor ?? undefined;
    const page2 = (db = handle.db) =>
      listTickets(db, companyCtx, { sort: 'due', open: true, limit: 50, cursor: cursor ?? undefined });
    const q1 = await latency(200, 20, () => queue());
    const q2 = cursor ? await latency(200, 20, () => page2()) : null;
    console.log(
      `queue: company admin, ${company.open} open tickets of ${count}: page 1 p50 ${ms(q1.p50)}, p95 ${ms(q1.p95)} (goal < ${GOALS.queueMs} ms)${q2 ? `; page 2 p50 ${ms(q2.p50)}, p95 ${ms(q2.p95)}` : ''}`,
    );
    figures.push(['company queue page 1 p95', ms(q1.p95), `< ${GOALS.queueMs} ms`, met(q1.p95, GOALS.queueMs)]);
    if (q2) figures.push(['company queue page 2 p95', ms(q2.p95), `< ${GOALS.queueMs} ms`, met(q2.p95, GOALS.queueMs)]);

    // City-wide metrics, as the city regulator.
    const city = await handle.db
      .selectFrom('regions')
      .select(['id', 'path'])
      .where('code', '=', 'JC')
      .executeTakeFirstOrThrow();
    const regulator: Actor = {
      accountId: null,
      kind: 'staff',
      displayName: 'bench',
      personId: null,
      bindings: [{ role: 'city_regulator', scopeType: 'region', scopeId: city.id, scopePath: city.path }],
      via: 'session',
    };
    const now = new Date();
    const to = monthOf(now);
    const [y, m0] = to.split('-').map(Number);
    const back = y * 12 + (m0 - 1) - 23;
    const from = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`;
    const metrics = (groupBy: 'company' | 'none' | 'street', db = handle.db) =>
      workorderMetrics(db, regulator, { groupBy, from, to });
    for (const groupBy of ['company', 'none', 'street'] as const) {
      const rows = await metrics(groupBy);
      const m = await latency(50, 5, () => metrics(groupBy));
      console.log(
        `metrics: city-wide by ${groupBy}, ${from}..${to}, ${rows.length} rows over ${count} tickets: p50 ${ms(m.p50)}, p95 ${ms(m.p95)} (goal < ${GOALS.metricsMs} ms)`,
      );
      figures.push([
        `city metrics by ${groupBy} p95`,
        ms(m.p95),
        `< ${GOALS.metricsMs} ms`,
        met(m.p95, GOALS.metricsMs),
      ]);
    }

    if (values.explain) {
      await explain(handle, 'company queue, page 1', (db) => queue(db));
      if (cursor) await explain(handle, 'company queue, page 2', (db) => page2(db));
      for (const groupBy of ['company', 'none'] as const)
        await explain(handle, `city metrics by ${groupBy}`, (db) => metrics(groupBy, db));
    }

    console.log(`\nworkorders (engine ${engine}, ${count} tickets)`);
    const widths = [0, 1, 2].map((i) => Math.max(...figures.map((f) => f[i].length)));
    for (const f of figures)
      console.log(`  ${f[0].padEnd(widths[0])}  ${f[1].padStart(widths[1])}  goal ${f[2].padEnd(widths[2])}  ${f[3]}`);
  } finally {
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
