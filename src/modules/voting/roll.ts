import { effectiveArea, type VotingUnit } from '../registry/index.ts';
import type { RollUnitEntry } from './tables.ts';
import { DEVELOPER } from './tally.ts';

/**
 * Who counts as one person on the roll (SPC interpretation arts. 8–9): an owner with all their parts (co-owners
 * through their representative); the developer's unsold and undelivered parts together; a part with no owner on
 * record stands as its own person, so it still weighs in the totals though nobody can vote it yet.
 */
export function voterKeyOf(u: VotingUnit): string {
  if (u.holder !== 'owner') return DEVELOPER;
  return u.personId ?? `unit:${u.unitId}`;
}

export interface RollRow {
  voterKey: string;
  personId: string | null;
  area: number;
  units: RollUnitEntry[];
  buildingIds: string[];
}

export function rollRows(units: VotingUnit[]): RollRow[] {
  const rows = new Map<string, RollRow>();
  for (const u of units) {
    const key = voterKeyOf(u);
    const { area, source } = effectiveArea(u);
    const row = rows.get(key) ?? {
      voterKey: key,
      personId: key === u.personId ? u.personId : null,
      area: 0,
      units: [],
      buildingIds: [],
    };
    row.area += Number(area);
    row.units.push({
      unitId: u.unitId,
      buildingId: u.buildingId,
      buildingName: u.buildingName,
      label: u.label,
      area: Number(area),
      source,
    });
    if (!row.buildingIds.includes(u.buildingId)) row.buildingIds.push(u.buildingId);
    rows.set(key, row);
  }
  return [...rows.values()];
}
