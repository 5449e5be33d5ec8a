import { CompiledQuery } from 'kysely';
import type { Executor } from '../../../kernel/db.ts';
import { type Existing, emptyExisting } from './plan.ts';
import type { NeededKeys } from './validate.ts';
import { pgArray } from './write.ts';

/**
 * Loads, in a handful of set-based queries, what the database holds for the natural keys an import
 * mentions: never one query per row.
 */

const CHUNK = 20_000;

async function inChunks<T>(values: T[], fn: (part: T[]) => Promise<void>) {
  for (let i = 0; i < values.length; i += CHUNK) await fn(values.slice(i, i + CHUNK));
}

/**
 * Rows of a table whose key column is one of the keys: a join with unnest(), which the planner turns
 * into index probes or one hash, never an "= ANY(list)" searched row by row.
 */
async function byKeys<R>(db: Executor, table: string, key: string, type: string, columns: string[], keys: string[]) {
  const rows: R[] = [];
  await inChunks(keys, async (part) => {
    const res = await db.executeQuery<R>(
      CompiledQuery.raw(
        `SELECT ${columns.map((c) => `t.${c}`).join(', ')} FROM unnest($1::text::${type}[]) AS k(v) JOIN ${table} t ON t.${key} = k.v`,
        [pgArray(part, type)],
      ),
    );
    rows.push(...res.rows);
  });
  return rows;
}

export async function loadExisting(db: Executor, keys: NeededKeys): Promise<Existing> {
  const ex = emptyExisting();
  type Region = { id: string; code: string; level: string; path: string; parent_id: string | null };
  for (const r of await byKeys<Region>(
    db,
    'regions',
    'code',
    'text',
    ['id', 'code', 'level', 'path', 'parent_id'],
    [...keys.regionCodes],
  )) {
    ex.regions.set(r.code, { id: r.id, level: r.level, path: r.path, parentId: r.parent_id });
  }
  for (const r of await byKeys<{ id: string; uscc: string }>(
    db,
    'companies',
    'uscc',
    'text',
    ['id', 'uscc'],
    [...keys.usccs],
  )) {
    ex.companies.set(r.uscc, { id: r.id });
  }
  type Estate = { id: string; code: string; region_path: string; company_id: string | null };
  for (const r of await byKeys<Estate>(
    db,
    'estates',
    'code',
    'text',
    ['id', 'code', 'region_path', 'company_id'],
    [...keys.estateCodes],
  )) {
    ex.estates.set(r.code, { id: r.id, region_path: r.region_path, company_id: r.company_id });
  }
  // Buildings of the estates the file names: a few dozen per estate.
  const estateIds = [...ex.estates.values()].map((e) => e.id);
  for (const r of await byKeys<{ id: string; estate_id: string; name: string }>(
    db,
    'buildings',
    'estate_id',
    'uuid',
    ['id', 'estate_id', 'name'],
    estateIds,
  )) {
    ex.buildings.set(`${r.estate_id}\t${r.name}`, r.id);
  }
  // Units that owner rows name without listing them in a units sheet: every unit of their buildings,
  // one text row per building (number and holder joined with control characters), which spares the
  // driver hundreds of thousands of row objects.
  const buildings = new Set<string>();
  for (const u of keys.units) {
    const estate = ex.estates.get(u.estate);
    const building = estate && ex.buildings.get(`${estate.id}\t${u.building}`);
    if (building) buildings.add(building);
  }
  await inChunks([...buildings], async (ids) => {
    const res = await db.executeQuery<{ building_id: string; units: string }>(
      CompiledQuery.raw(
        // A join, not "= ANY(array)": against a sequential scan the latter searches the array row by row.
        `SELECT u.building_id, string_agg(u.number || chr(31) || u.holder, chr(30)) AS units
           FROM unnest($1::text::uuid[]) AS b(id) JOIN units u ON u.building_id = b.id GROUP BY u.building_id`,
        [pgArray(ids, 'uuid')],
      ),
    );
    for (const r of res.rows) {
      const numbers = new Map<string, string>();
      for (const unit of r.units.split('\x1e')) {
        const cut = unit.lastIndexOf('\x1f');
        numbers.set(unit.slice(0, cut), unit.slice(cut + 1));
      }
      ex.units.set(r.building_id, numbers);
    }
  });
  return ex;
}
