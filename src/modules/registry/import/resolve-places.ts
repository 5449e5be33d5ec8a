import type { Actor } from '../../../kernel/auth/roles.ts';
import { coversCompany, coversEstate } from '../access.ts';
import type { ParsedRow } from './fields.ts';
import { bulkId as newId } from './ids.ts';
import {
  type EstateState,
  type Existing,
  type FileEntry,
  follow,
  KEEPERS,
  REGULATORS,
  regionCovered,
  type Sheet,
  s,
} from './plan.ts';

/**
 * Phase two for regions, companies, estates, buildings and units: references to rows of the file
 * or of the database, and the importing user's scope. Pure: the database state arrives in `Existing`.
 */

type Index<T> = { sheet: string; entries: Map<string, FileEntry<T>> };
export type RegionRef = { id: string; level: string; path: string; parentId: string | null };
export type BuildingRef = { id: string; estate: EstateState };
export type UnitRef = { buildingId: string; holder: string; estate: EstateState };

export interface PlaceIndexes {
  regions?: Index<RegionRef>;
  companies?: Index<{ id: string }>;
  estates?: Index<EstateState>;
  buildings?: Index<BuildingRef>;
  /** Units by `${estate code}\t${building}`, then by number: small maps, and no long key per row. */
  units?: { sheet: string; byBuilding: Map<string, Map<string, FileEntry<UnitRef>>> };
}

const LEVELS = ['city', 'district', 'street', 'community'];
const NO_ESTATE: EstateState = { id: '', region_path: '', company_id: null };
const index = <T>(sheet: Sheet): Index<T> => ({ sheet: sheet.name, entries: new Map() });

export function resolveRegions(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const idx = index<RegionRef>(sh);
  ix.regions = idx;
  const rows = sh.parsed.rows;
  // Register every row first so a child finds its parent's level whatever the order; resolve parents first.
  for (const r of rows) if (r.v.code != null) sh.claim(idx, String(r.v.code), r, 'code', null as unknown as RegionRef);
  const out: Record<string, unknown>[] = [];
  const ordered = rows
    .filter((r) => r.ok)
    .sort((a, b) => LEVELS.indexOf(String(a.v.level)) - LEVELS.indexOf(String(b.v.level)) || a.row - b.row);
  for (const r of ordered) {
    const code = String(r.v.code);
    const level = String(r.v.level);
    const parentCode = s(r.v.parent);
    let parent: RegionRef | null = null;
    if (level === 'city') {
      if (parentCode) sh.fail(r, 'parent', 'import.region_parent_level');
    } else if (!parentCode) {
      sh.fail(r, 'parent', 'import.required');
    } else {
      const fileParent = idx.entries.get(parentCode);
      const parentLevel = fileParent ? String(fileParent.row.v.level) : ex.regions.get(parentCode)?.level;
      if (parentLevel !== undefined && LEVELS.indexOf(parentLevel) !== LEVELS.indexOf(level) - 1)
        sh.fail(r, 'parent', 'import.region_parent_level');
      else parent = follow(sh, r, 'parent', 'region', parentCode, idx, ex.regions.get(parentCode)) ?? null;
    }
    if (!r.ok) continue;
    const old = ex.regions.get(code);
    let value: RegionRef;
    if (old) {
      if (old.level !== level || old.parentId !== (parent?.id ?? null)) {
        sh.fail(r, 'code', 'import.region_moved');
        continue;
      }
      value = old;
    } else {
      const id = newId();
      value = { id, level, path: `${parent?.path ?? '/'}${id}/`, parentId: parent?.id ?? null };
    }
    if (!regionCovered(actor, value.path)) {
      sh.fail(r, 'code', 'import.out_of_scope');
      continue;
    }
    (idx.entries.get(code) as FileEntry<RegionRef>).value = value;
    out.push({ id: value.id, parent_id: value.parentId, level, code, name: r.v.name, path: value.path });
  }
  return out;
}

export function resolveCompanies(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const idx = index<{ id: string }>(sh);
  ix.companies = idx;
  const out: Record<string, unknown>[] = [];
  for (const r of sh.parsed.rows) {
    const uscc = s(r.v.uscc);
    if (uscc === null) continue;
    const value = { id: ex.companies.get(uscc)?.id ?? newId() };
    if (!sh.claim(idx, uscc, r, 'uscc', value) || !r.ok) continue;
    const regionCode = s(r.v.region);
    const region = regionCode
      ? follow(sh, r, 'region', 'region', regionCode, ix.regions, ex.regions.get(regionCode))
      : null;
    if (!r.ok) continue;
    if (!coversCompany(actor, REGULATORS, value.id)) {
      sh.fail(r, 'uscc', 'import.out_of_scope');
      continue;
    }
    out.push({
      id: value.id,
      uscc,
      name: r.v.name,
      legal_representative: r.v.legalRepresentative,
      contact_name: s(r.v.contactName),
      contact_phone: s(r.v.contactPhone),
      address: s(r.v.address),
      region_id: region?.id ?? null,
      status: r.v.status ?? 'active',
    });
  }
  return out;
}

export function resolveEstates(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const idx = index<EstateState>(sh);
  ix.estates = idx;
  const out: Record<string, unknown>[] = [];
  for (const r of sh.parsed.rows) {
    const code = s(r.v.code);
    if (code === null) continue;
    const old = ex.estates.get(code);
    const value: EstateState = { id: old?.id ?? newId(), region_path: '', company_id: null };
    if (!sh.claim(idx, code, r, 'code', value) || !r.ok) continue;
    const communityCode = String(r.v.community);
    const community = follow(sh, r, 'community', 'region', communityCode, ix.regions, ex.regions.get(communityCode));
    if (community && community.level !== 'community')
      sh.fail(r, 'community', 'import.not_community', { value: communityCode });
    const uscc = s(r.v.company);
    const company = uscc ? follow(sh, r, 'company', 'company', uscc, ix.companies, ex.companies.get(uscc)) : null;
    const mode = s(r.v.managementMode) ?? (uscc ? 'company' : 'self_managed');
    if ((mode === 'company') !== (uscc !== null))
      sh.fail(r, sh.parsed.present.has('managementMode') ? 'managementMode' : 'company', 'import.company_mode');
    if (!r.ok || !community) continue;
    value.region_path = community.path;
    value.company_id = company?.id ?? null;
    if (!coversEstate(actor, REGULATORS, value) || (old && !coversEstate(actor, REGULATORS, old))) {
      sh.fail(r, 'code', 'import.out_of_scope');
      continue;
    }
    out.push({
      id: value.id,
      code,
      name: r.v.name,
      address: r.v.address,
      lng: r.v.lng ?? null,
      lat: r.v.lat ?? null,
      street_id: community.parentId,
      community_id: community.id,
      region_path: community.path,
      service_grade: r.v.serviceGrade,
      company_id: value.company_id,
      management_mode: mode,
      total_area: r.v.totalArea ?? 0,
    });
  }
  return out;
}

/** The estate a building, unit or owner row names, if it exists and the user may keep it. */
export function estateOf(
  sh: Sheet,
  r: ParsedRow,
  ex: Existing,
  actor: Actor,
  ix: PlaceIndexes,
): { code: string; state: EstateState } | undefined {
  const code = String(r.v.estate);
  const state = follow(sh, r, 'estate', 'estate', code, ix.estates, ex.estates.get(code));
  if (!state) return undefined;
  if (!coversEstate(actor, KEEPERS, state)) {
    sh.fail(r, 'estate', 'import.out_of_scope');
    return undefined;
  }
  return { code, state };
}

export function resolveBuildings(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const idx = index<BuildingRef>(sh);
  ix.buildings = idx;
  const out: Record<string, unknown>[] = [];
  for (const r of sh.parsed.rows) {
    if (r.v.estate == null || r.v.name == null) continue;
    const value: BuildingRef = { id: '', estate: NO_ESTATE };
    if (!sh.claim(idx, `${r.v.estate}\t${r.v.name}`, r, 'name', value) || !r.ok) continue;
    const estate = estateOf(sh, r, ex, actor, ix);
    if (!estate) continue;
    value.id = ex.buildings.get(`${estate.state.id}\t${r.v.name}`) ?? newId();
    value.estate = estate.state;
    out.push({ id: value.id, estate_id: estate.state.id, name: r.v.name, floors: r.v.floors ?? null });
  }
  return out;
}

/** The building a unit or owner row names: from the buildings sheet, or an existing one of an existing estate. */
export function buildingOf(
  sh: Sheet,
  r: ParsedRow,
  estate: { code: string; state: EstateState },
  ex: Existing,
  ix: PlaceIndexes,
) {
  const name = String(r.v.building);
  return follow(sh, r, 'building', 'building', `${estate.code}\t${name}`, ix.buildings, () => {
    const id = ex.buildings.get(`${estate.state.id}\t${name}`);
    return id === undefined ? undefined : { id, estate: estate.state };
  });
}

/**
 * The estate and building of a unit or owner row. Files list a building's units together, so the
 * previous row's answer is kept: most rows then cost no lookup. Only successes are kept, so a bad
 * reference is still reported on every row that makes it.
 */
export function placeResolver(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  let last: {
    estateCode: unknown;
    buildingName: unknown;
    estate: { code: string; state: EstateState };
    building: BuildingRef;
  } | null = null;
  return (r: ParsedRow) => {
    if (last && last.estateCode === r.v.estate && last.buildingName === r.v.building) return last;
    const estate = estateOf(sh, r, ex, actor, ix);
    const building = estate && buildingOf(sh, r, estate, ex, ix);
    last = estate && building ? { estateCode: r.v.estate, buildingName: r.v.building, estate, building } : null;
    return last;
  };
}

export function resolveUnits(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const idx = { sheet: sh.name, byBuilding: new Map<string, Map<string, FileEntry<UnitRef>>>() };
  ix.units = idx;
  const placeOf = placeResolver(sh, ex, actor, ix);
  const out: Record<string, unknown>[] = [];
  let numbers = { entries: new Map<string, FileEntry<UnitRef>>() };
  let lastEstate: unknown = null;
  let lastBuilding: unknown = null;
  for (const r of sh.parsed.rows) {
    if (r.v.estate == null || r.v.building == null || r.v.number == null) continue;
    if (r.v.estate !== lastEstate || r.v.building !== lastBuilding) {
      const key = `${r.v.estate}\t${r.v.building}`;
      let entries = idx.byBuilding.get(key);
      if (!entries) {
        entries = new Map();
        idx.byBuilding.set(key, entries);
      }
      numbers = { entries };
      [lastEstate, lastBuilding] = [r.v.estate, r.v.building];
    }
    const holder = String(r.v.holder ?? 'owner');
    const value: UnitRef = { buildingId: '', holder, estate: NO_ESTATE };
    if (
      !sh.claim(
        numbers,
        String(r.v.number),
        r,
        'number',
        value,
        () => `${r.v.estate} / ${r.v.building} / ${r.v.number}`,
      ) ||
      !r.ok
    )
      continue;
    const place = placeOf(r);
    if (!place) continue;
    const { estate, building } = place;
    value.buildingId = building.id;
    value.estate = estate.state;
    out.push({
      id: newId(),
      estate_id: estate.state.id,
      building_id: building.id,
      number: r.v.number,
      floor: r.v.floor ?? null,
      use: r.v.use,
      area_registered: r.v.areaRegistered ?? null,
      area_surveyed: r.v.areaSurveyed ?? null,
      area_contract: r.v.areaContract ?? null,
      holder,
    });
  }
  return out;
}
