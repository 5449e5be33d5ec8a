import type { Actor } from '../../../kernel/auth/roles.ts';
import { type ParsedSheet, parseTable } from './fields.ts';
import type { Issue } from './issues.ts';
import { type Existing, type PlannedSheet, Sheet } from './plan.ts';
import type { RawTable } from './read.ts';
import { resolveOwners, resolveStaff } from './resolve-people.ts';
import {
  type PlaceIndexes,
  resolveBuildings,
  resolveCompanies,
  resolveEstates,
  resolveRegions,
  resolveUnits,
} from './resolve-places.ts';
import { KINDS, type Kind } from './sheets.ts';

/**
 * Validation of a whole import, in two pure phases around one bulk lookup:
 *   1. parseTables: headers and cells on their own;
 *   2. (the caller loads `Existing` for neededKeys() from the database)
 *   3. resolve: references between rows and to the database, and the importing user's scope.
 */

export function parseTables(tables: RawTable[], issues: Issue[]): ParsedSheet[] {
  return tables.map((t) => parseTable(t, issues));
}

/** The natural keys the file mentions, to look up in the database in one query per kind. */
export interface NeededKeys {
  regionCodes: Set<string>;
  usccs: Set<string>;
  estateCodes: Set<string>;
  /** Owner rows' units that the units sheet does not hold: estate code, building name, unit number. */
  units: { estate: string; building: string; number: string }[];
}

export function neededKeys(sheets: ParsedSheet[]): NeededKeys {
  const keys: NeededKeys = { regionCodes: new Set(), usccs: new Set(), estateCodes: new Set(), units: [] };
  const add = (set: Set<string>, v: unknown) => {
    if (v !== null && v !== undefined) set.add(String(v));
  };
  // Owner rows may name units of the units sheet: those need no lookup (only built when both sheets are there).
  const hasOwners = sheets.some((sh) => sh.kind === 'owners');
  const inUnitsSheet = new Set<string>();
  for (const sh of sheets) {
    for (const { v } of sh.rows) {
      switch (sh.kind) {
        case 'regions':
          add(keys.regionCodes, v.code);
          add(keys.regionCodes, v.parent);
          break;
        case 'companies':
          add(keys.usccs, v.uscc);
          add(keys.regionCodes, v.region);
          break;
        case 'estates':
          add(keys.estateCodes, v.code);
          add(keys.regionCodes, v.community);
          add(keys.usccs, v.company);
          break;
        case 'buildings':
          add(keys.estateCodes, v.estate);
          break;
        case 'units':
          add(keys.estateCodes, v.estate);
          if (hasOwners) inUnitsSheet.add(`${v.estate}\t${v.building}\t${v.number}`);
          break;
        case 'owners':
          add(keys.estateCodes, v.estate);
          if (
            v.estate != null &&
            v.building != null &&
            v.number != null &&
            !inUnitsSheet.has(`${v.estate}\t${v.building}\t${v.number}`)
          ) {
            keys.units.push({ estate: String(v.estate), building: String(v.building), number: String(v.number) });
          }
          break;
        case 'staff':
          add(keys.usccs, v.company);
          add(keys.estateCodes, v.estate);
          break;
      }
    }
  }
  return keys;
}

const RESOLVERS: Record<Kind, (sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) => Record<string, unknown>[]> =
  {
    regions: resolveRegions,
    companies: resolveCompanies,
    estates: resolveEstates,
    buildings: resolveBuildings,
    units: resolveUnits,
    owners: resolveOwners,
    staff: resolveStaff,
  };

/** Resolves every sheet in dependency order; rows that fail (or depend on a row that failed) are left out. */
export function resolve(sheets: ParsedSheet[], existing: Existing, actor: Actor, issues: Issue[]): PlannedSheet[] {
  const ix: PlaceIndexes = {};
  const planned: PlannedSheet[] = [];
  for (const kind of KINDS) {
    const parsed = sheets.find((s) => s.kind === kind);
    if (!parsed) continue;
    const rows = RESOLVERS[kind](new Sheet(parsed, issues), existing, actor, ix);
    const invalid = parsed.rows.reduce((n, r) => n + (r.ok ? 0 : 1), 0);
    planned.push({ kind, sheet: parsed.sheet, present: parsed.present, total: parsed.rows.length, invalid, rows });
  }
  return planned;
}
