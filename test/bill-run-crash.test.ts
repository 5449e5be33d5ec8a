import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { contextAs } from '../src/kernel/auth/sessions.ts';
import { type DatabaseHandle, openDatabase } from '../src/kernel/db.ts';
import { migrate } from '../src/kernel/migrate.ts';
import { billEstate } from '../src/modules/finance/bill-run.ts';
import { verifyLedger } from '../src/modules/finance/index.ts';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { freshDatabase } from './helpers.ts';

const PERIOD = '2026-11';
const ROOT = path.resolve(import.meta.dirname, '..');

/** The database the child process can open too: the PostgreSQL test database, or PGlite files in a directory. */
async function sharedDatabase(): Promise<{
  target: string;
  open: () => Promise<DatabaseHandle>;
  drop: () => Promise<void>;
}> {
  if (process.env.TEST_DATABASE_URL) {
    const h = await freshDatabase();
    const url = h.url as string;
    return { target: url, open: async () => openDatabase({ url }), drop: () => h.close() };
  }
  const dir = path.join(ROOT, `.tmp/crash-${randomBytes(4).toString('hex')}`);
  const h = await openDatabase({ dataDir: dir });
  await migrate(h);
  await h.close();
  return { target: dir, open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
}

test('a bill run killed half-way (SIGKILL) and run again bills every unit once and loses no fen', async () => {
  const shared = await sharedDatabase();
  let h = await shared.open();
  await seedDemo(h.db);
  const ctx = await contextAs(h.db, 'company.admin');
  const company = ctx?.actor.bindings.find((b) => b.role === 'company_admin')?.scopeId as string;
  const estates = (
    await h.db.selectFrom('estates').select('id').where('company_id', '=', company).orderBy('id').execute()
  ).map((e) => e.id);
  assert.ok(estates.length >= 2, 'the demo company manages several estates');
  await sql`
    INSERT INTO fee_items (id, estate_id, name, basis, price_fen, uses)
    SELECT gen_random_uuid(), id, '物业服务费', 'area_month', 185, '{residence,shop}' FROM estates
    WHERE company_id = ${company}`.execute(h.db);
  const expected = Number(
    (
      await sql<{ n: string }>`SELECT count(*)::text AS n FROM units u JOIN estates e ON e.id = u.estate_id
        WHERE e.company_id = ${company} AND u.use IN ('residence', 'shop')`.execute(h.db)
    ).rows[0].n,
  );
  if (!process.env.TEST_DATABASE_URL) await h.close(); // PGlite: one process at a time on its files

  // The run, in a child process killed as soon as the first estate is done and the second is under way.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/bill-run-child.ts', shared.target, PERIOD, ...estates],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('billed')) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) =>
      code === 0 ? reject(new Error('the run finished before it could be killed')) : resolve(),
    );
  });
  await new Promise((r) => child.once('exit', r));

  if (!process.env.TEST_DATABASE_URL) h = await shared.open();
  const partial = await h.db
    .selectFrom('bills')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(
    Number(partial.n) > 0 && Number(partial.n) < expected,
    `killed half-way: ${partial.n} of ${expected} bills`,
  );

  // Run again, as the job's retry does: only what is missing is billed.
  for (const id of estates) await billEstate(h.db, ctx as never, id, PERIOD);
  const bills = await sql<{ n: string; fen: string }>`
    SELECT count(*)::text AS n, sum(amount_fen)::text AS fen FROM bills WHERE period = ${PERIOD}`.execute(h.db);
  assert.equal(Number(bills.rows[0].n), expected, 'every unit billed once');
  const receivable = await sql<{ fen: string }>`
    SELECT sum(balance)::text AS fen FROM ledger_accounts WHERE code = 'fees_receivable'`.execute(h.db);
  assert.equal(receivable.rows[0].fen, bills.rows[0].fen, 'the ledger booked exactly the bills');
  assert.equal((await verifyLedger(h.db)).problem, undefined);
  await h.close();
  await shared.drop();
});
