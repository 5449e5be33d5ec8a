import { type Actor, bindingsOf, type Role } from '../../../kernel/auth/roles.ts';
import { regionInScope } from '../scope.ts';
import type { ParsedRow, ParsedSheet, Value } from './fields.ts';
import type { Issue } from './issues.ts';
import type { Kind } from './sheets.ts';

/**
 * Shared shapes of phase two (references and scope): what the database already holds for the keys
 * the file mentions (loaded in bulk by lookups.ts), and what is to be written per sheet.
 */

export interface ExistingRegion {
  id: string;
  level: string;
  path: string;
  parentId: string | null;
}
export interface EstateState {
  id: string;
  region_path: string;
  company_id: string | null;
}

export interface Existing {
  /** by code */
  regions: Map<string, ExistingRegion>;
  /** by USCC */
  companies: Map<string, { id: string }>;
  /** by estate code */
  estates: Map<string, EstateState>;
  /** `${estateId}\t${name}` → building id */
  buildings: Map<string, string>;
  /** building id → unit number → the unit's holder */
  units: Map<string, Map<string, string>>;
}

export const emptyExisting = (): Existing => ({
  regions: new Map(),
  companies: new Map(),
  estates: new Map(),
  buildings: new Map(),
  units: new Map(),
});

/** What one sheet will write: rows keyed by database column, for the rows that passed. */
export interface PlannedSheet {
  kind: Kind;
  sheet: string;
  present: Set<string>;
  total: number;
  invalid: number;
  rows: Record<string, unknown>[];
}

export const REGULATORS: readonly Role[] = ['city_regulator', 'district_regulator'];
/** Who may import buildings, units, owners and staff: regulators by region, a company admin for its own estates. */
export const KEEPERS: readonly Role[] = ['city_regulator', 'district_regulator', 'company_admin'];

/** A row of the file that other rows may refer to, by natural key. */
export interface FileEntry<T> {
  row: ParsedRow;
  value: T;
}

export class Sheet {
  constructor(
    readonly parsed: ParsedSheet,
    private readonly issues: Issue[],
  ) {}
  get name() {
    return this.parsed.sheet;
  }
  fail(row: ParsedRow, key: string, code: string, params?: Record<string, unknown>): false {
    this.issues.push({
      sheet: this.parsed.sheet,
      row: row.row,
      column: key ? this.parsed.header[key] : '',
      code,
      ...(params ? { params } : {}),
    });
    row.ok = false;
    return false;
  }
  /**
   * Registers a row under its natural key in the sheet's index; a later row with the same key is a
   * duplicate (reported, left out) and gets undefined.
   */
  claim<T>(
    idx: { entries: Map<string, FileEntry<T>> },
    key: string,
    row: ParsedRow,
    column: string,
    value: T,
    shown?: () => string,
  ): FileEntry<T> | undefined {
    const first = idx.entries.get(key);
    if (first) {
      this.fail(row, column, 'import.duplicate_row', {
        row: first.row.row,
        key: shown ? shown() : key.replace(/\t/g, ' / '),
      });
      return undefined;
    }
    const entry = { row, value };
    idx.entries.set(key, entry);
    return entry;
  }
}

/**
 * Resolves a reference to a row of the file (which must have passed) or else of the database.
 * Returns undefined after recording the problem on the referring row.
 */
export function follow<T>(
  from: Sheet,
  row: ParsedRow,
  column: string,
  what: string,
  value: string,
  inFile: { sheet: string; entries: { get(key: string): FileEntry<T> | undefined } } | undefined,
  inDb: T | undefined | (() => T | undefined),
): T | undefined {
  const entry = inFile?.entries.get(value);
  const shown = () => value.replace(/\t/g, ' / ');
  if (entry) {
    if (entry.row.ok) return entry.value;
    from.fail(row, column, 'import.depends_on_invalid', {
      what: `import.what.${what}`,
      value: shown(),
      sheet: inFile?.sheet,
      row: entry.row.row,
    });
    return undefined;
  }
  const db = typeof inDb === 'function' ? (inDb as () => T | undefined)() : inDb;
  if (db !== undefined) return db;
  from.fail(row, column, 'import.not_found', { what: `import.what.${what}`, value: shown() });
  return undefined;
}

/** A regulator's region binding covers the path (the registry's own scope rule). */
export const regionCovered = (actor: Actor, path: string) => regionInScope(bindingsOf(actor, ...REGULATORS), path);

export const s = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));
