import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createPasswordAccount } from '../src/kernel/auth/accounts.ts';
import * as f from './factories/registry.ts';
import { clientFor, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  const community = await f.region(t.handle.db, 'community');
  await f.account(t.handle.db, 'city_regulator', {
    scopeType: 'region',
    scopeId: community.id,
    scopePath: community.path,
  });
  await createPasswordAccount(t.handle.db, { username: 'alice', password: 'correct horse', displayName: 'Alice' }, [
    { role: 'city_regulator', scopeType: 'region', scopeId: community.id, scopePath: community.path },
  ]);
  await createPasswordAccount(t.handle.db, { username: 'bob', password: 'bob-secret', displayName: 'Bob' }, []);
});
after(() => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

test('a wrong password and an unknown account get the same answer', async () => {
  const wrong = await login('alice', 'nope', '10.0.0.2');
  const unknown = await login('nobody', 'nope', '10.0.0.2');
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.json().detail, '账号或密码错误');
  assert.equal(unknown.json().detail, wrong.json().detail);
  assert.equal(unknown.json().code, wrong.json().code);
});

test('the session cookie is HttpOnly and SameSite, and /me tells who is signed in', async () => {
  const res = await login('alice', 'correct horse');
  assert.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === 'anju_session');
  assert.ok(cookie?.httpOnly);
  assert.equal(cookie?.sameSite, 'Lax');
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    cookies: { anju_session: cookie?.value as string },
  });
  assert.equal(me.json().displayName, 'Alice');
  assert.equal(me.json().bindings[0].role, 'city_regulator');
  // The token is stored only as a digest.
  const stored = await t.handle.db.selectFrom('sessions').select('token_hash').execute();
  assert.ok(stored.every((s) => s.token_hash !== cookie?.value));
});

test('five wrong passwords lock the account, even for the right password, and say for how long', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await login('bob', 'wrong', `10.1.0.${i}`)).statusCode, 401);
  const locked = await login('bob', 'bob-secret', '10.1.0.9');
  assert.equal(locked.statusCode, 429);
  assert.match(locked.json().detail, /15 分钟/);
  // Unknown accounts lock the same way, so lockout does not reveal which accounts exist.
  for (let i = 0; i < 5; i++) await login('ghost', 'wrong', `10.2.0.${i}`);
  assert.equal((await login('ghost', 'wrong', '10.2.0.9')).statusCode, 429);
  await sql`UPDATE login_throttle SET locked_until = now() - interval '1 second'`.execute(t.handle.db);
  assert.equal((await login('bob', 'bob-secret', '10.1.0.9')).statusCode, 200);
});

test('cookie-authenticated writes need the CSRF token; API tokens do not', async () => {
  const res = await login('alice', 'correct horse');
  const cookie = `anju_session=${res.cookies.find((c) => c.name === 'anju_session')?.value}`;
  const noCsrf = clientFor(t.app, cookie, null);
  const create = await noCsrf.post('/api/v1/auth/tokens', { name: '12345 hotline' });
  assert.equal(create.statusCode, 403);
  assert.equal(create.json().code, 'csrf');
  const withCsrf = clientFor(t.app, cookie, res.json().csrfToken);
  const created = await withCsrf.post('/api/v1/auth/tokens', { name: '12345 hotline' });
  assert.equal(created.statusCode, 201);
  const token = created.json().token as string;
  const viaToken = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(viaToken.json().displayName, 'Alice');
  const write = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: 'second' },
  });
  assert.equal(write.statusCode, 201);
  // Revoked tokens stop working at once.
  assert.equal((await withCsrf.delete(`/api/v1/auth/tokens/${created.json().id}`)).statusCode, 204);
  const revoked = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(revoked.statusCode, 401);
});

test('logout ends one session; logout everywhere ends them all', async () => {
  const a = await t.as('alice', 'correct horse');
  const b = await t.as('alice', 'correct horse');
  assert.equal((await a.post('/api/v1/auth/logout')).statusCode, 204);
  assert.equal((await a.get('/api/v1/auth/me')).statusCode, 401);
  assert.equal((await b.get('/api/v1/auth/me')).statusCode, 200);
  const c = await t.as('alice', 'correct horse');
  assert.equal((await c.post('/api/v1/auth/logout-all')).statusCode, 204);
  assert.equal((await b.get('/api/v1/auth/me')).statusCode, 401);
  assert.equal((await c.get('/api/v1/auth/me')).statusCode, 401);
});

test('expired sessions are refused', async () => {
  const a = await t.as('alice', 'correct horse');
  await sql`UPDATE sessions SET expires_at = now() - interval '1 second'`.execute(t.handle.db);
  assert.equal((await a.get('/api/v1/auth/me')).statusCode, 401);
});

test('residents sign in with a one-time code delivered through the outbox', async () => {
  const o = await f.owner(t.handle.db, { phone: '13912340000', name: '李四' });
  const ask = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/request',
    payload: { phone: '13912340000' },
  });
  assert.equal(ask.statusCode, 200);
  const again = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/request',
    payload: { phone: '13912340000' },
  });
  assert.equal(again.statusCode, 429);
  // Unknown numbers get the same answer and no message.
  const stranger = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/request',
    payload: { phone: '13700000000' },
  });
  assert.equal(stranger.statusCode, 200);
  assert.equal(
    (await t.handle.db.selectFrom('notifications').select('id').where('recipient', '=', '13700000000').execute())
      .length,
    0,
  );

  // The dispatcher delivers the SMS; the development inbox shows it.
  const { setChannelAdapters, loggingAdapters } = await import('../src/kernel/outbox.ts');
  setChannelAdapters(loggingAdapters(t.app.log));
  await t.worker.drain();
  const inbox = (await t.anonymous.get('/api/v1/dev/inbox')).json() as {
    recipient: string;
    body: string;
    status: string;
  }[];
  const sms = inbox.find((m) => m.recipient === '13912340000');
  assert.equal(sms?.status, 'sent');
  const code = /验证码为 (\d{6})/.exec(sms?.body ?? '')?.[1] as string;

  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/login',
    payload: { phone: '13912340000', code: code === '000000' ? '111111' : '000000' },
  });
  assert.equal(bad.statusCode, 401);
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/login',
    payload: { phone: '13912340000', code },
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().personId, o.id);
  assert.equal(ok.json().bindings[0].role, 'resident');
  // A code works once.
  const reuse = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/login',
    payload: { phone: '13912340000', code },
  });
  assert.equal(reuse.statusCode, 401);
});
