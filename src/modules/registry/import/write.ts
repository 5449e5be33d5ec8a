import { CompiledQuery } from 'kysely';
import type { Executor } from '../../../kernel/db.ts';
import type { Kind } from './sheets.ts';

/**
 * Set-based writes of validated import rows (DESIGN: bulk work is set-based). Each chunk is one
 * `INSERT … SELECT FROM unnest(<one array per column>) ON CONFLICT (<natural key>) DO UPDATE … WHERE
 * (columns) IS DISTINCT FROM (excluded columns)`: a row whose values did not change is not touched, so
 * its version and updated_at stay and it is counted as unchanged. Works the same on PGlite and PostgreSQL.
 */

export interface ChunkCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Other owners of a unit who stopped being its representative because the file names another one. */
  demoted?: number;
}

interface Column {
  name: string;
  type: string;
  /** Updated on conflict only when one of these sheet fields is in the file; [] = never; undefined = always. */
  fields?: string[];
}

interface TableSpec {
  table: string;
  key: string[];
  columns: Column[];
  updatedAt: boolean;
  /** Extra SET clauses (reading the old row as t) when the named sheet fields are present. */
  extra?: { fields: string[]; set: string };
}

const NEVER: string[] = [];

export const TABLES: Record<Exclude<Kind, 'owners'> | 'persons', TableSpec> = {
  regions: {
    table: 'regions',
    key: ['code'],
    updatedAt: false,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'parent_id', type: 'uuid', fields: NEVER },
      { name: 'level', type: 'text', fields: NEVER },
      { name: 'code', type: 'text', fields: NEVER },
      { name: 'name', type: 'text' },
      { name: 'path', type: 'text', fields: NEVER },
    ],
  },
  companies: {
    table: 'companies',
    key: ['uscc'],
    updatedAt: true,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'uscc', type: 'text', fields: NEVER },
      { name: 'name', type: 'text' },
      { name: 'legal_representative', type: 'text' },
      { name: 'contact_name', type: 'text', fields: ['contactName'] },
      { name: 'contact_phone', type: 'text', fields: ['contactPhone'] },
      { name: 'address', type: 'text', fields: ['address'] },
      { name: 'region_id', type: 'uuid', fields: ['region'] },
      { name: 'status', type: 'text', fields: ['status'] },
    ],
  },
  estates: {
    table: 'estates',
    key: ['code'],
    updatedAt: true,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'code', type: 'text', fields: NEVER },
      { name: 'name', type: 'text' },
      { name: 'address', type: 'text' },
      { name: 'lng', type: 'float8', fields: ['lng'] },
      { name: 'lat', type: 'float8', fields: ['lat'] },
      { name: 'street_id', type: 'uuid' },
      { name: 'community_id', type: 'uuid' },
      { name: 'region_path', type: 'text' },
      { name: 'service_grade', type: 'int2' },
      // The company and the management mode change together (a CHECK ties them).
      { name: 'company_id', type: 'uuid', fields: ['company', 'managementMode'] },
      { name: 'management_mode', type: 'text', fields: ['company', 'managementMode'] },
      { name: 'total_area', type: 'int8', fields: ['totalArea'] },
    ],
    // A new company brings its own project manager: the old one is no longer its staff.
    extra: {
      fields: ['company', 'managementMode'],
      set: 'project_manager_id = CASE WHEN t.company_id IS DISTINCT FROM excluded.company_id THEN NULL ELSE t.project_manager_id END',
    },
  },
  buildings: {
    table: 'buildings',
    key: ['estate_id', 'name'],
    updatedAt: false,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'estate_id', type: 'uuid', fields: NEVER },
      { name: 'name', type: 'text', fields: NEVER },
      { name: 'floors', type: 'int2', fields: ['floors'] },
    ],
  },
  units: {
    table: 'units',
    key: ['building_id', 'number'],
    updatedAt: true,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'estate_id', type: 'uuid', fields: NEVER },
      { name: 'building_id', type: 'uuid', fields: NEVER },
      { name: 'number', type: 'text', fields: NEVER },
      { name: 'floor', type: 'int2', fields: ['floor'] },
      { name: 'use', type: 'text' },
      { name: 'area_registered', type: 'int8', fields: ['areaRegistered'] },
      { name: 'area_surveyed', type: 'int8', fields: ['areaSurveyed'] },
      { name: 'area_contract', type: 'int8', fields: ['areaContract'] },
      { name: 'holder', type: 'text', fields: ['holder'] },
    ],
  },
  staff: {
    table: 'staff',
    key: ['company_id', 'phone'],
    updatedAt: true,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'company_id', type: 'uuid', fields: NEVER },
      { name: 'phone', type: 'text', fields: NEVER },
      { name: 'name', type: 'text' },
      { name: 'id_number', type: 'text', fields: ['idNumber'] },
      { name: 'position', type: 'text' },
      { name: 'estate_id', type: 'uuid', fields: ['estate'] },
      { name: 'status', type: 'text', fields: ['status'] },
    ],
  },
  persons: {
    table: 'persons',
    key: ['id_number'],
    updatedAt: true,
    columns: [
      { name: 'id', type: 'uuid', fields: NEVER },
      { name: 'id_number', type: 'text', fields: NEVER },
      { name: 'name', type: 'text' },
      { name: 'phone', type: 'text', fields: ['phone'] },
    ],
  },
};

/**
 * A PostgreSQL array literal, sent as one text parameter and cast in SQL ($1::text::uuid[]): the
 * same on both drivers, and much cheaper than letting the driver serialise a JS array element by element.
 */
export function pgArray(values: unknown[], type: string): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (type === 'text') {
      const str = String(v);
      parts[i] = `"${/["\\]/.test(str) ? str.replace(/["\\]/g, '\\$&') : str}"`;
    } else if (type === 'bool') parts[i] = v ? 't' : 'f';
    else parts[i] = String(v);
  }
  return `{${parts.join(',')}}`;
}

const sqlCache = new Map<string, string>();

/** The upsert statement for a table and the set of sheet fields present in the file. */
export function upsertSql(spec: TableSpec, present: Set<string>, returning: 'counts' | string): string {
  const cacheKey = `${spec.table}|${[...present].sort().join(',')}|${returning}`;
  const cached = sqlCache.get(cacheKey);
  if (cached) return cached;
  const names = spec.columns.map((c) => c.name);
  const source = `unnest(${spec.columns.map((c, i) => `$${i + 1}::text::${c.type}[]`).join(', ')})`;
  const updated = spec.columns.filter(
    (c) => !spec.key.includes(c.name) && (c.fields === undefined || c.fields.some((f) => present.has(f))),
  );
  let conflict = 'DO NOTHING';
  if (updated.length) {
    const sets = updated.map((c) => `${c.name} = excluded.${c.name}`);
    if (spec.extra?.fields.some((f) => present.has(f))) sets.push(spec.extra.set);
    sets.push('version = t.version + 1');
    if (spec.updatedAt) sets.push('updated_at = now()');
    const ours = updated.map((c) => `t.${c.name}`).join(', ');
    const theirs = updated.map((c) => `excluded.${c.name}`).join(', ');
    conflict = `DO UPDATE SET ${sets.join(', ')} WHERE (${ours}) IS DISTINCT FROM (${theirs})`;
  }
  const insert = `INSERT INTO ${spec.table} AS t (${names.join(', ')}) SELECT * FROM ${source} ON CONFLICT (${spec.key.join(', ')}) ${conflict}`;
  // xmax = 0 only on a freshly inserted row version: tells an insert from an update in one pass.
  const text =
    returning === 'counts'
      ? `WITH up AS (${insert} RETURNING (t.xmax = 0) AS ins)
         SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`
      : `${insert} RETURNING t.${returning} AS key`;
  sqlCache.set(cacheKey, text);
  return text;
}

const params = (spec: TableSpec, rows: Record<string, unknown>[]) =>
  spec.columns.map((c) =>
    pgArray(
      rows.map((r) => r[c.name]),
      c.type,
    ),
  );

/** Upserts one chunk of a simple table and counts what happened. */
export async function upsertChunk(
  db: Executor,
  kind: Exclude<Kind, 'owners'>,
  present: Set<string>,
  rows: Record<string, unknown>[],
): Promise<ChunkCounts> {
  const spec = TABLES[kind];
  const res = await db.executeQuery<{ inserted: number; updated: number }>(
    CompiledQuery.raw(upsertSql(spec, present, 'counts'), params(spec, rows)),
  );
  const { inserted, updated } = res.rows[0] ?? { inserted: 0, updated: 0 };
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}

/**
 * Owners: persons by resident ID number, then the ownership links. Row numbers travel with the rows so
 * each file row is counted once: inserted (new link), updated (link or person changed) or unchanged.
 */
export async function upsertOwnersChunk(
  db: Executor,
  present: Set<string>,
  rows: Record<string, unknown>[],
): Promise<ChunkCounts> {
  const persons = new Map<string, Record<string, unknown>>();
  for (const r of rows)
    if (!persons.has(r.id_number as string))
      persons.set(r.id_number as string, { id: r.person_id, id_number: r.id_number, name: r.name, phone: r.phone });
  // In key order, so two chunks written at once lock shared persons in the same order.
  const sorted = [...persons.values()].sort((a, b) => ((a.id_number as string) < (b.id_number as string) ? -1 : 1));
  const spec = TABLES.persons;
  const changedPersons = await db.executeQuery<{ key: string }>(
    CompiledQuery.raw(upsertSql(spec, present, 'id_number'), params(spec, sorted)),
  );
  const personChanged = new Set(changedPersons.rows.map((r) => r.key));

  // Rows find their unit and person by scalar subqueries, i.e. probes of the unique indexes: left
  // to a join, the planner may hash the whole units and persons tables for every chunk.
  const unitOf = '(SELECT u.id FROM units u WHERE u.building_id = k.building_id AND u.number = k.number)';
  const personOf = '(SELECT p.id FROM persons p WHERE p.id_number = k.id_number)';
  const reps = rows.filter((r) => r.is_representative);
  let demoted = 0;
  if (reps.length) {
    // Likewise the current representatives are found through the partial unique index, not a scan.
    await db.executeQuery(CompiledQuery.raw('SET LOCAL enable_hashjoin = off'));
    await db.executeQuery(CompiledQuery.raw('SET LOCAL enable_mergejoin = off'));
    const res = await db.executeQuery(
      CompiledQuery.raw(
        `UPDATE unit_owners uo SET is_representative = false
           FROM (SELECT ${unitOf} AS unit_id, ${personOf} AS person_id
                   FROM unnest($1::text::uuid[], $2::text::text[], $3::text::text[]) AS k(building_id, number, id_number)) r
          WHERE uo.unit_id = r.unit_id AND uo.is_representative AND uo.person_id <> r.person_id`,
        [
          pgArray(
            reps.map((r) => r.building_id),
            'uuid',
          ),
          pgArray(
            reps.map((r) => r.number),
            'text',
          ),
          pgArray(
            reps.map((r) => r.id_number),
            'text',
          ),
        ],
      ),
    );
    demoted = Number(res.numAffectedRows ?? 0);
    await db.executeQuery(CompiledQuery.raw('SET LOCAL enable_hashjoin = on'));
    await db.executeQuery(CompiledQuery.raw('SET LOCAL enable_mergejoin = on'));
  }

  const since = present.has('since');
  const links = await db.executeQuery<{ rn: number; ins: boolean }>(
    CompiledQuery.raw(
      `WITH src AS (
         SELECT k.rn, ${unitOf} AS unit_id, ${personOf} AS person_id, k.estate_id, k.is_rep, k.since
           FROM unnest($1::text::int4[], $2::text::uuid[], $3::text::text[], $4::text::text[], $5::text::uuid[], $6::text::bool[], $7::text::date[])
                  AS k(rn, building_id, number, id_number, estate_id, is_rep, since)),
       up AS (
         INSERT INTO unit_owners AS t (unit_id, person_id, estate_id, is_representative, since)
         SELECT unit_id, person_id, estate_id, is_rep, since FROM src
         ON CONFLICT (unit_id, person_id) DO UPDATE SET is_representative = excluded.is_representative
           ${since ? ', since = excluded.since' : ''}
         WHERE (t.is_representative${since ? ', t.since' : ''}) IS DISTINCT FROM (excluded.is_representative${since ? ', excluded.since' : ''})
         RETURNING t.unit_id, t.person_id, (t.xmax = 0) AS ins)
       SELECT src.rn, up.ins FROM up JOIN src USING (unit_id, person_id)`,
      [
        pgArray(
          rows.map((r) => r.row),
          'int4',
        ),
        pgArray(
          rows.map((r) => r.building_id),
          'uuid',
        ),
        pgArray(
          rows.map((r) => r.number),
          'text',
        ),
        pgArray(
          rows.map((r) => r.id_number),
          'text',
        ),
        pgArray(
          rows.map((r) => r.estate_id),
          'uuid',
        ),
        pgArray(
          rows.map((r) => r.is_representative),
          'bool',
        ),
        pgArray(
          rows.map((r) => r.since),
          'date',
        ),
      ],
    ),
  );
  const linkChange = new Map(links.rows.map((r) => [Number(r.rn), r.ins]));
  const counts: ChunkCounts = { inserted: 0, updated: 0, unchanged: 0, demoted };
  for (const r of rows) {
    const ins = linkChange.get(r.row as number);
    if (ins === true) counts.inserted++;
    else if (ins === false || personChanged.has(r.id_number as string)) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}
