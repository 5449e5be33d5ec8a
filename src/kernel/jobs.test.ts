import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { freshDatabase } from '../../test/helpers.ts';
import type { DatabaseHandle } from './db.ts';
import { defineJob, enqueue, getJob, Worker } from './jobs.ts';
import { dispatchNotifications, notify, setChannelAdapters } from './outbox.ts';

let h: DatabaseHandle;
const log = pino({ level: 'silent' });
before(async () => {
  h = await freshDatabase();
});
after(() => h.close());

test('a job runs exactly once however many workers poll, and reports progress', async () => {
  const runs: string[] = [];
  defineJob('test.count', async (ctx) => {
    await ctx.progress(1, 2, 'half');
    runs.push(ctx.id);
    return { ok: true };
  });
  const ids = [];
  for (let i = 0; i < 20; i++) ids.push(await enqueue(h.db, 'test.count', { i }));
  const workers = [new Worker(h.db, log), new Worker(h.db, log), new Worker(h.db, log)];
  await Promise.all(workers.map((w) => w.drain()));
  assert.equal(runs.length, 20);
  assert.equal(new Set(runs).size, 20);
  const job = await getJob(h.db, ids[0]);
  assert.equal(job?.status, 'succeeded');
  assert.deepEqual(job?.progress, { done: 1, total: 2, message: 'half' });
  assert.deepEqual(job?.result, { ok: true });
});

test('a unique key makes a second enqueue return the first job', async () => {
  const a = await enqueue(h.db, 'test.count', {}, { uniqueKey: 'bill-run:2026-11' });
  const b = await enqueue(h.db, 'test.count', {}, { uniqueKey: 'bill-run:2026-11' });
  assert.equal(a, b);
});

test('a failing job is retried with backoff and then marked failed', async () => {
  let attempts = 0;
  defineJob('test.flaky', async () => {
    attempts += 1;
    throw new Error('boom');
  });
  const id = await enqueue(h.db, 'test.flaky', {}, { maxAttempts: 2 });
  const w = new Worker(h.db, log);
  await w.drain();
  let job = await getJob(h.db, id);
  assert.equal(job?.status, 'queued');
  assert.ok((job as { run_at: Date }).run_at.getTime() > Date.now());
  await h.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', id).execute();
  await w.drain();
  job = await getJob(h.db, id);
  assert.equal(job?.status, 'failed');
  assert.equal(job?.error, 'boom');
  assert.equal(attempts, 2);
});

test('a job whose worker died is taken over when its lease expires', async () => {
  let ran = 0;
  defineJob('test.orphan', async () => {
    ran += 1;
  });
  const id = await enqueue(h.db, 'test.orphan', {});
  await h.db
    .updateTable('jobs')
    .set({ status: 'running', locked_by: 'dead-worker', locked_until: new Date(Date.now() - 1000) })
    .where('id', '=', id)
    .execute();
  await new Worker(h.db, log).drain();
  assert.equal(ran, 1);
  assert.equal((await getJob(h.db, id))?.status, 'succeeded');
});

test('notifications: sent once, retried with backoff on failure, dead after the last attempt', async () => {
  const sent: string[] = [];
  let failSms = true;
  setChannelAdapters({
    inapp: { async send() {} },
    email: { async send() {} },
    wechat: { async send() {} },
    sms: {
      async send(m) {
        if (failSms) throw new Error('gateway down');
        sent.push(m.recipient);
      },
    },
  });
  await notify(h.db, {
    channel: 'sms',
    recipient: '13800000000',
    template: 'auth.otp',
    params: { code: '123456', minutes: 5 },
  });
  assert.equal(await dispatchNotifications(h.db), 1);
  let row = await h.db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.last_error, 'gateway down');
  assert.ok(row.next_attempt_at.getTime() > Date.now());
  assert.equal(await dispatchNotifications(h.db), 0); // not due yet

  failSms = false;
  await h.db.updateTable('notifications').set({ next_attempt_at: new Date() }).execute();
  assert.equal(await dispatchNotifications(h.db), 1);
  row = await h.db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
  assert.equal(await dispatchNotifications(h.db), 0);
  assert.deepEqual(sent, ['13800000000']);
  assert.match(row.body, /123456/);
});
