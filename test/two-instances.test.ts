import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { freshDatabase } from './helpers.ts';

/**
 * The server keeps no state in memory: two processes on one PostgreSQL database share sessions,
 * and a job queued through one runs exactly once. Needs a PostgreSQL server (TEST_DATABASE_URL).
 */
const server = process.env.TEST_DATABASE_URL;
let db: Awaited<ReturnType<typeof freshDatabase>>;
const procs: ChildProcess[] = [];
const ports = [3000 + Math.floor(Math.random() * 1000) + 31000, 3000 + Math.floor(Math.random() * 1000) + 32000];

async function waitHealthy(port: number) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

before(async () => {
  if (!server) return;
  db = await freshDatabase();
  // Both start at once: migrations and the demo seed must not run twice.
  for (const port of ports) {
    const p = spawn(process.execPath, ['bin/anju.mjs', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        ANJU_SKIP_WEB_BUILD: '1',
        LOG_LEVEL: 'warn',
        ANJU_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    procs.push(p);
  }
  await Promise.all(ports.map(waitHealthy));
});

after(async () => {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
  await db?.close();
});

test('a session made on one instance works on the other', { skip: !server && 'needs TEST_DATABASE_URL' }, async () => {
  const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`);
  const login = await fetch(`${a}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'city.admin', password: 'Anju@2026' }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') as string).split(';')[0];
  const { csrfToken } = await login.json();
  const me = await fetch(`${b}/api/v1/auth/me`, { headers: { cookie } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).displayName, '江城市住建局');
  const estates = await (await fetch(`${b}/api/v1/estates?limit=200`, { headers: { cookie } })).json();
  assert.equal(estates.items.length, 12); // seeded once, not twice

  // A job queued through instance B runs exactly once, on whichever instance claims it.
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('企业');
  sheet.addRow(['统一社会信用代码', '企业名称', '法定代表人']);
  sheet.addRow(['91350100M000100Y43', '双实例测试物业有限公司', '周九']);
  const form = new FormData();
  form.append('mode', 'all');
  form.append('file', new Blob([await wb.xlsx.writeBuffer()]), 'companies.xlsx');
  const queued = await fetch(`${b}/api/v1/imports`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  assert.equal(queued.status, 202, await queued.clone().text());
  const { jobId } = await queued.json();
  let job: { status: string } = { status: 'queued' };
  for (let i = 0; i < 150 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 200));
    job = await (await fetch(`${a}/api/v1/jobs/${jobId}`, { headers: { cookie } })).json();
  }
  assert.equal(job.status, 'succeeded', JSON.stringify(job));
  const row = await db.db.selectFrom('jobs').select(['attempts']).where('id', '=', jobId).executeTakeFirstOrThrow();
  assert.equal(row.attempts, 1);
  const companies = await db.db
    .selectFrom('companies')
    .select('id')
    .where('name', '=', '双实例测试物业有限公司')
    .execute();
  assert.equal(companies.length, 1);

  // Logging out on A ends the session on B too.
  await fetch(`${a}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
  assert.equal((await fetch(`${b}/api/v1/auth/me`, { headers: { cookie } })).status, 401);
});
