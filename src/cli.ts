import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { sealAudit, verifyAudit } from './kernel/audit.ts';
import { type Config, loadConfig } from './kernel/config.ts';
import { type DatabaseHandle, type Db, openDatabase } from './kernel/db.ts';
import { migrate } from './kernel/migrate.ts';
import { seedFinanceDemo } from './modules/finance/index.ts';
import { type DemoLogin, seedDemo } from './modules/registry/seed/demo.ts';
import { seedSupervisionDemo } from './modules/supervision/index.ts';
import { seedVotingDemo } from './modules/voting/index.ts';
import { seedWorkorderDemo } from './modules/workorders/index.ts';
import { serve } from './server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `anju — 安居 smart property-management platform

  anju start                 migrate, seed the demo city on first start, serve on $PORT (3000)
  anju migrate               apply database migrations
  anju seed demo             create the demo city (idempotent)
  anju seed city [--estates 583 --companies 160 --staff 18000 --units 300000] [--out DIR]
                             generate a city at the Chizhou platform's scale and import it
  anju import FILE.xlsx|csv  [--valid-only] [--lang en] validate and import registry data
  anju audit verify          seal pending audit entries and recompute the hash chain
  anju ledger verify         recompute every estate's ledger chain and every balance; name the first discrepancy
  anju tally --file IN.json  recount an owners' vote or election (Civil Code art. 278) from its export; exit 2 on bad input
  anju apportion --file IN.json  split an amount in fen over units by area (largest remainder); exit 2 on bad input
  anju bench import          import benchmark against the raw COPY rate

Environment: DATABASE_URL (PostgreSQL server; default embedded PGlite in ANJU_DATA_DIR=./data), PORT, ANJU_ENV.`;

export async function openAndMigrate(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle);
  return handle;
}

/** Builds the web client when it is missing or older than its sources. */
async function ensureWebBuilt(): Promise<void> {
  const index = path.join(ROOT, 'dist/web/index.html');
  const srcDir = path.join(ROOT, 'src/web');
  if (!fs.existsSync(srcDir) || process.env.ANJU_SKIP_WEB_BUILD === '1') return;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(srcDir)) return;
  console.log('Building the web client…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

function printLogins(url: string, logins: DemoLogin[]) {
  console.log(
    `\n  安居 Anju is running at ${url}\n  API docs: ${url}/docs   Development inbox (SMS codes): ${url}/dev/inbox\n`,
  );
  console.log('  Demo logins (演示账号):');
  for (const l of logins) {
    console.log(
      `    ${l.label.padEnd(34)} ${l.password ? `${l.username} / ${l.password}` : `phone ${l.phone}, code from the inbox`}`,
    );
  }
  console.log('');
}

/**
 * The whole demo, once, however many instances start at the same moment: they take turns on one advisory lock
 * held on one connection, and each seed adds nothing when its part is already there.
 */
async function seedAllDemo(db: Db) {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(7320005)`.execute(conn);
    try {
      const seeded = await seedDemo(conn);
      await seedWorkorderDemo(conn);
      await seedVotingDemo(conn);
      await seedFinanceDemo(conn);
      await seedSupervisionDemo(conn);
      return seeded;
    } finally {
      await sql`SELECT pg_advisory_unlock(7320005)`.execute(conn);
    }
  });
}

export async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      await ensureWebBuilt();
      const handle = await openAndMigrate(config);
      const seeded = await seedAllDemo(handle.db);
      await serve(handle, config);
      printLogins(`http://localhost:${config.port}`, seeded.logins);
      return;
    }
    case 'migrate': {
      const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      const applied = await migrate(handle);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await handle.close();
      return;
    }
    case 'seed': {
      const handle = await openAndMigrate(config);
      try {
        if (sub === 'demo') {
          const res = await seedAllDemo(handle.db);
          console.log(res.created ? 'demo city created' : 'demo city already present');
        } else if (sub === 'city') {
          const { seedCityCommand } = await import('./modules/registry/import/city.ts');
          await seedCityCommand(handle, rest);
        } else {
          throw new Error(USAGE);
        }
      } finally {
        await handle.close();
      }
      return;
    }
    case 'import': {
      const handle = await openAndMigrate(config);
      try {
        const { importCommand } = await import('./modules/registry/import/cli.ts');
        process.exitCode = await importCommand(handle, [sub, ...rest].filter(Boolean));
      } finally {
        await handle.close();
      }
      return;
    }
    case 'audit': {
      if (sub !== 'verify') throw new Error(USAGE);
      const handle = await openAndMigrate(config);
      try {
        const sealed = await sealAudit(handle.db);
        const result = await verifyAudit(handle.db);
        if (result.ok) console.log(`audit chain OK: ${result.checked} entries verified (${sealed} newly sealed)`);
        else {
          const b = result.firstBroken;
          console.error(
            `audit chain BROKEN at seq ${b?.seq} (entry ${b?.id}): ${b?.reason}; ${result.checked} entries before it are intact`,
          );
          process.exitCode = 1;
        }
      } finally {
        await handle.close();
      }
      return;
    }
    case 'ledger': {
      if (sub !== 'verify') throw new Error(USAGE);
      const handle = await openAndMigrate(config);
      try {
        const { verifyLedger } = await import('./modules/finance/index.ts');
        const r = await verifyLedger(handle.db);
        if (r.problem) {
          console.error(`ledger BROKEN: ${r.problem}`);
          process.exitCode = 1;
        } else
          console.log(
            `ledger OK: ${r.entries} entries in ${r.estates} estates chained and balanced; ${r.accounts} account balances equal their legs`,
          );
      } finally {
        await handle.close();
      }
      return;
    }
    case 'bench': {
      const { runBench } = await import(path.join(ROOT, 'bench/index.ts'));
      await runBench([sub, ...rest].filter(Boolean), config);
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}
