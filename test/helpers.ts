import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/kernel/db.ts';
import { Worker } from '../src/kernel/jobs.ts';
import { MIGRATIONS_DIR, migrate } from '../src/kernel/migrate.ts';

/**
 * Creating a PGlite database runs initdb (seconds); loading a migrated copy is much faster. The copy is
 * made once per set of migrations and shared by all test files through .tmp/.
 */
async function pgliteTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort())
    hash.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  const file = path.resolve(import.meta.dirname, `../.tmp/pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!fs.existsSync(file)) {
    const handle = await openDatabase({ memory: true });
    await migrate(handle);
    const dump = await (handle.dump as () => Promise<Blob>)();
    await handle.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: concurrent test files never read half a file
  }
  return new Blob([fs.readFileSync(file)]);
}

/**
 * A fresh database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again at close).
 */
export async function freshDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const handle = await openDatabase({ memory: true, template: await pgliteTemplate() });
    await migrate(handle); // a no-op on the template; kept so a stale template can never hide a migration
    return handle;
  }
  const name = `anju_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await migrate(handle);
  const close = handle.close;
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await close();
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  worker: Worker;
  /** An HTTP client as this account (password login), carrying its cookie and CSRF token. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  csrf: string | null;
  cookie: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function clientFor(app: FastifyInstance, cookie: string | null, csrf: string | null): Client {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) },
    });
  return {
    csrf,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as never }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export async function login(app: FastifyInstance, username: string, password = 'Anju@2026'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'anju_session');
  return clientFor(app, `anju_session=${cookie?.value}`, res.json().csrfToken);
}

export async function startTestApp(
  opts: { seed?: (handle: DatabaseHandle) => Promise<unknown> } = {},
): Promise<TestApp> {
  const handle = await freshDatabase();
  if (opts.seed) await opts.seed(handle);
  const config = {
    ...loadConfig({ ANJU_ENV: 'test' }),
    databaseUrl: undefined,
    dataDir: path.resolve(import.meta.dirname, `../.tmp/data-${randomBytes(6).toString('hex')}`),
  };
  const app = await buildApp(handle, config);
  await app.ready();
  const worker = new Worker(handle.db, app.log);
  return {
    app,
    handle,
    worker,
    as: (username, password) => login(app, username, password),
    anonymous: clientFor(app, null, null),
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** A resident's sign-in by phone and one-time code, reading the code from the outbox as the SMS gateway would. */
export async function residentLogin(t: TestApp, phone: string): Promise<Client> {
  const req = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone } });
  if (req.statusCode !== 200) throw new Error(`otp request failed: ${req.body}`);
  const sms = await t.handle.db
    .selectFrom('notifications')
    .select('params')
    .where('recipient', '=', phone)
    .where('template', '=', 'auth.otp')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/login',
    payload: { phone, code: (sms.params as { code: string }).code },
  });
  if (res.statusCode !== 200) throw new Error(`otp login failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'anju_session');
  return clientFor(t.app, `anju_session=${cookie?.value}`, res.json().csrfToken);
}

/** Posts one file as multipart/form-data, after any plain fields (a server reads fields sent before the file). */
export function uploadFile(
  c: Client,
  url: string,
  data: Buffer,
  filename: string,
  fields: Record<string, string> = {},
) {
  const boundary = 'anjuboundary';
  const part = (head: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n`);
  const payload = Buffer.concat([
    ...Object.entries(fields).flatMap(([k, v]) => [part(`name="${k}"`), Buffer.from(`${v}\r\n`)]),
    part(`name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
