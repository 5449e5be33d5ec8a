import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/helpers.ts';
import { audit, sealAudit, verifyAudit } from './audit.ts';
import { ANONYMOUS } from './auth/roles.ts';
import type { DatabaseHandle } from './db.ts';

let h: DatabaseHandle;
before(async () => {
  h = await freshDatabase();
});
after(() => h.close());

const ctx = { actor: { ...ANONYMOUS, displayName: 'tester' }, requestId: 'req-1' };

test('entries are sealed into a chain that verifies, across several sealing rounds', async () => {
  for (let i = 0; i < 30; i++)
    await audit(h.db, ctx, {
      action: 'update',
      entityType: 'thing',
      entityId: `t${i}`,
      before: { n: i },
      after: { n: i + 1, when: new Date() },
    });
  assert.equal(await sealAudit(h.db, 7), 30);
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      audit(h.db, ctx, { action: 'create', entityType: 'thing', entityId: `u${i}` }),
    ),
  );
  assert.equal(await sealAudit(h.db), 10);
  const result = await verifyAudit(h.db);
  assert.deepEqual(result, { ok: true, checked: 40, unsealed: 0 });
});

test('the log is append-only: updates and deletes are refused by the database', async () => {
  await assert.rejects(sql`DELETE FROM audit_log`.execute(h.db), /append-only/);
  await assert.rejects(sql`UPDATE audit_log SET after = '{"n": 999}' WHERE seq = 3`.execute(h.db), /sealed once/);
});

test('verify names the first entry whose content was changed behind the triggers', async () => {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard`.execute(h.db);
  await sql`UPDATE audit_log SET after = '{"n": 999}' WHERE seq = 12`.execute(h.db);
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard`.execute(h.db);
  const result = await verifyAudit(h.db);
  assert.equal(result.ok, false);
  assert.equal(result.firstBroken?.seq, 12);
  assert.equal(result.checked, 11);
  assert.match(result.firstBroken?.reason ?? '', /content/);
});

test('a deleted entry is reported as a gap', async () => {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard`.execute(h.db);
  await sql`DELETE FROM audit_log WHERE seq = 5`.execute(h.db);
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard`.execute(h.db);
  const result = await verifyAudit(h.db);
  assert.equal(result.firstBroken?.seq, 6);
  assert.match(result.firstBroken?.reason ?? '', /missing/);
});
