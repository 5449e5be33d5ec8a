import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ANONYMOUS } from '../src/kernel/auth/roles.ts';
import type { DatabaseHandle } from '../src/kernel/db.ts';
import { DomainError } from '../src/kernel/errors.ts';
import type { RequestContext } from '../src/kernel/http.ts';
import { newId } from '../src/kernel/ids.ts';
import { migrate } from '../src/kernel/migrate.ts';
import { ACCOUNTS, type AccountCode, balances, post, reverse, verifyLedger } from '../src/modules/finance/index.ts';
import { freshDatabase } from './helpers.ts';

let h: DatabaseHandle;
const ctx: RequestContext = { actor: { ...ANONYMOUS, displayName: 'ledger test' }, lang: 'zh-CN', requestId: 't' };
before(async () => {
  h = await freshDatabase();
  await migrate(h);
});
after(() => h.close());

type Ref = { code: AccountCode; unitId?: string };
const units = [newId(), newId(), newId()];
/** The accounts the random operations move money between: some may go negative, the units' fund accounts not. */
const REFS: Ref[] = [
  { code: 'bank' },
  { code: 'company_revenue' },
  { code: 'payables' },
  ...units.flatMap((unitId) => [
    { code: 'fund_unit' as const, unitId },
    { code: 'fees_receivable' as const, unitId },
  ]),
];
const key = (r: Ref) => `${r.code}:${r.unitId ?? ''}`;
/** An account's balance on its own side: what "not negative" is about. */
const natural = (r: Ref, debit: bigint) => (ACCOUNTS[r.code].kind === 'asset' ? debit : -debit);

const postIn = (estateId: string, legs: { account: Ref; amount: number }[], idempotencyKey = newId()) =>
  h.db.transaction().execute((trx) => post(trx, ctx, { estateId, kind: 'test', memo: '测试', idempotencyKey, legs }));

/** Legs that balance: random amounts on random accounts, the last leg taking the rest. */
const balancedLegs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: REFS.length - 1 }), fc.integer({ min: -50_000, max: 50_000 })), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((legs) =>
    fc.integer({ min: 0, max: REFS.length - 1 }).map((last) => {
      const total = legs.reduce((s, [, a]) => s + a, 0);
      return [...legs, [last, -total] as [number, number]].filter(([, a]) => a !== 0);
    }),
  );

test('random postings and reversals: balances equal the legs, fund accounts never go negative, the chain verifies', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          balancedLegs.map((legs) => ({ legs })),
          fc.nat({ max: 50 }).map((n) => ({ reverse: n })),
        ),
        {
          maxLength: 25,
        },
      ),
      async (ops) => {
        const estateId = newId();
        const model = new Map<string, bigint>();
        const posted: { id: string; legs: [number, number][] }[] = [];
        const reversed = new Set<string>();
        for (const op of ops) {
          const legs: [number, number][] =
            'legs' in op
              ? op.legs
              : (posted
                  .filter((p) => !reversed.has(p.id))
                  [op.reverse % Math.max(1, posted.length)]?.legs.map(([i, a]) => [i, -a] as [number, number]) ?? []);
          if (legs.length < 2) continue;
          // The model: the entry goes through unless it takes a fund account below zero on its own side.
          const after = new Map(model);
          for (const [i, a] of legs) after.set(key(REFS[i]), (after.get(key(REFS[i])) ?? 0n) + BigInt(a));
          const ok = REFS.every((r) => ACCOUNTS[r.code].mayGoNegative || natural(r, after.get(key(r)) ?? 0n) >= 0n);
          const target = 'legs' in op ? null : posted.filter((p) => !reversed.has(p.id))[op.reverse % posted.length];
          const run =
            target !== null
              ? h.db.transaction().execute((trx) => reverse(trx, ctx, target.id, '冲正'))
              : postIn(
                  estateId,
                  legs.map(([i, amount]) => ({ account: REFS[i], amount })),
                );
          const res = await run.then(
            (p) => p,
            (e: unknown) => e,
          );
          if (ok) {
            assert.ok(!(res instanceof Error), String(res));
            for (const [k, v] of after) model.set(k, v);
            if (target) reversed.add(target.id);
            else posted.push({ id: (res as { id: string }).id, legs });
          } else {
            assert.ok(res instanceof DomainError && res.code === 'ledger.insufficient_balance', String(res));
          }
        }
        const stored = await balances(h.db, estateId);
        for (const b of stored) {
          const ref = { code: b.code as AccountCode, unitId: b.unitId ?? undefined };
          assert.equal(BigInt(b.balance), model.get(key(ref)) ?? 0n, key(ref));
        }
        const report = await verifyLedger(h.db);
        assert.equal(report.problem, undefined);
      },
    ),
    { numRuns: 15 },
  );
});

test('bad entries are refused in words and change nothing; the same key posts once, another body is refused', async () => {
  const estateId = newId();
  const bank = { code: 'bank' } as const;
  const revenue = { code: 'company_revenue' } as const;
  const refused = async (legs: { account: Ref; amount: number }[], code: string) => {
    const err = await postIn(estateId, legs).then(
      () => null,
      (e: DomainError) => e,
    );
    assert.equal(err?.code, code);
  };
  await refused([{ account: bank, amount: 100 }], 'ledger.too_few_legs');
  await refused(
    [
      { account: bank, amount: 100 },
      { account: revenue, amount: -99 },
    ],
    'ledger.unbalanced',
  );
  await refused(
    [
      { account: bank, amount: 100.5 },
      { account: revenue, amount: -100.5 },
    ],
    'ledger.amount_invalid',
  );
  await refused(
    [
      { account: bank, amount: -100 },
      { account: revenue, amount: 100 },
    ],
    'ledger.insufficient_balance',
  );
  assert.deepEqual(await balances(h.db, estateId), []);

  const legs = [
    { account: bank, amount: 12_345 },
    { account: revenue, amount: -12_345 },
  ];
  const [a, b] = await Promise.all([postIn(estateId, legs, 'pay:WX0001'), postIn(estateId, legs, 'pay:WX0001')]);
  assert.equal(a.id, b.id, 'a callback delivered twice posts once');
  assert.deepEqual([a.replayed, b.replayed].sort(), [false, true]);
  const other = await postIn(
    estateId,
    [legs[0], { ...legs[1] }].map((l) => ({ ...l, amount: l.amount * 2 })),
    'pay:WX0001',
  ).then(
    () => null,
    (e: DomainError) => e.code,
  );
  assert.equal(other, 'idempotency_key_reused');
  const bankBalance = (await balances(h.db, estateId)).find((x) => x.code === 'bank')?.balance;
  assert.equal(bankBalance, 12_345);
});

test('the database itself keeps the books: no unbalanced row, no edit, no deletion, no balance moved by hand', async () => {
  const estateId = newId();
  const posted = await postIn(estateId, [
    { account: { code: 'bank' }, amount: 500 },
    { account: { code: 'company_revenue' }, amount: -500 },
  ]);
  const e = await h.db.selectFrom('journal_entries').selectAll().where('id', '=', posted.id).executeTakeFirstOrThrow();
  const insert = (amounts: number[], account_ids = e.account_ids) =>
    h.db
      .insertInto('journal_entries')
      .values({ ...e, id: newId(), seq: 99, idempotency_key: newId(), reverses: null, amounts, account_ids })
      .execute();
  await assert.rejects(insert([500, -499]), /journal_entries_balanced/);
  await assert.rejects(insert([500, -500], [e.account_ids[0]]), /journal_entries_two_legs/);
  await assert.rejects(
    h.db.updateTable('journal_entries').set({ memo: '改' }).where('id', '=', e.id).execute(),
    /append-only/,
  );
  await assert.rejects(h.db.deleteFrom('journal_entries').where('id', '=', e.id).execute(), /append-only/);
  await assert.rejects(
    sql`UPDATE ledger_accounts SET balance = balance + 1 WHERE estate_id = ${estateId}`.execute(h.db),
    /only by posting/,
  );
  // An account of another estate cannot be named.
  const elsewhere = await postIn(newId(), [
    { account: { code: 'bank' }, amount: 1 },
    { account: { code: 'payables' }, amount: -1 },
  ]);
  const foreign = await h.db
    .selectFrom('journal_entries')
    .select('account_ids')
    .where('id', '=', elsewhere.id)
    .executeTakeFirstOrThrow();
  await assert.rejects(
    h.db
      .insertInto('journal_entries')
      .values({ ...e, id: newId(), seq: 100, idempotency_key: newId(), account_ids: foreign.account_ids })
      .execute(),
    /not its estate/,
  );
  assert.equal((await verifyLedger(h.db)).problem, undefined);
});

test('one estate numbers its entries without gaps under concurrent postings; a reversal is allowed once', async () => {
  const estateId = newId();
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      postIn(estateId, [
        { account: { code: 'bank' }, amount: 100 + i },
        { account: { code: 'company_revenue' }, amount: -(100 + i) },
      ]),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.seq).sort((x, y) => x - y),
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  await h.db.transaction().execute((trx) => reverse(trx, ctx, results[0].id, '录入错误'));
  const twice = await h.db
    .transaction()
    .execute((trx) => reverse(trx, ctx, results[0].id, '再次'))
    .then(
      () => null,
      (e: DomainError) => e.code,
    );
  assert.equal(twice, 'ledger.already_reversed');
  assert.equal((await verifyLedger(h.db)).problem, undefined);
});

test('ledger verify names the first entry whose content no longer matches its hash', async () => {
  const estateId = newId();
  const p = await postIn(estateId, [
    { account: { code: 'cash' }, amount: 800 },
    { account: { code: 'company_revenue' }, amount: -800 },
  ]);
  // Only by switching the guards off (as a superuser could) can a row change; verify must notice.
  await sql`ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_append_only`.execute(h.db);
  await sql`UPDATE journal_entries SET memo = '被篡改' WHERE id = ${p.id}`.execute(h.db);
  await sql`ALTER TABLE journal_entries ENABLE TRIGGER journal_entries_append_only`.execute(h.db);
  const report = await verifyLedger(h.db);
  assert.match(report.problem ?? '', new RegExp(`${p.id}.*does not match its hash`));
});
