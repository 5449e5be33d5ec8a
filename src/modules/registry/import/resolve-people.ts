import type { Actor } from '../../../kernel/auth/roles.ts';
import { coversCompany } from '../access.ts';
import { maskResidentId } from '../identifiers.ts';
import type { ParsedRow } from './fields.ts';
import { bulkId as newId } from './ids.ts';
import { type Existing, type FileEntry, follow, KEEPERS, type Sheet, s } from './plan.ts';
import { type PlaceIndexes, placeResolver, type UnitRef } from './resolve-places.ts';

/**
 * Phase two for owners (persons and their units, co-owners with one representative) and staff.
 * Pure: the database state arrives in `Existing`.
 */

export function resolveOwners(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  type Group = { unit: UnitRef; rows: ParsedRow[] };
  // building id → unit number → the unit's owner rows
  const units = new Map<string, Map<string, Group>>();
  // One person, one name (and phone) throughout the file: the first row states it.
  const people = new Map<string, { row: ParsedRow; id: string }>();
  const placeOf = placeResolver(sh, ex, actor, ix);
  for (const r of sh.parsed.rows) {
    if (!r.ok) continue;
    const place = placeOf(r);
    if (!place) continue;
    const { estate, building } = place;
    const number = String(r.v.number);
    let groups = units.get(building.id);
    if (!groups) {
      groups = new Map();
      units.set(building.id, groups);
    }
    let group = groups.get(number);
    if (!group) {
      const key = `${estate.code}\t${r.v.building}\t${number}`;
      const entry = ix.units?.byBuilding.get(`${estate.code}\t${r.v.building}`)?.get(number);
      const inFile = ix.units && { sheet: ix.units.sheet, entries: { get: () => entry } };
      const unit = follow(sh, r, 'number', 'unit', key, inFile, () => {
        const holder = ex.units.get(building.id)?.get(number);
        return holder === undefined ? undefined : { buildingId: building.id, holder, estate: estate.state };
      });
      if (!unit) continue;
      group = { unit, rows: [] };
      groups.set(number, group);
    }
    if (group.unit.holder !== 'owner') {
      sh.fail(r, 'number', 'import.unit_not_owned');
      continue;
    }
    const idNumber = String(r.v.idNumber);
    const dup = group.rows.find((o) => o.v.idNumber === idNumber);
    if (dup) {
      sh.fail(r, 'idNumber', 'import.duplicate_row', {
        row: dup.row,
        key: `${estate.code} / ${r.v.building} / ${number} / ${maskResidentId(idNumber)}`,
      });
      continue;
    }
    const person = people.get(idNumber);
    if (person) {
      for (const field of ['name', 'phone'] as const) {
        if (sh.parsed.present.has(field) && person.row.v[field] !== r.v[field]) {
          sh.fail(r, field, 'import.person_conflict', { row: person.row.row, column: sh.parsed.header[field] });
        }
      }
      if (!r.ok) continue;
    } else people.set(idNumber, { row: r, id: newId() });
    group.rows.push(r);
  }

  const out: Record<string, unknown>[] = [];
  for (const { unit, rows } of [...units.values()].flatMap((g) => [...g.values()])) {
    if (!rows.length) continue;
    // The representative votes for a co-owned unit (exactly one): marked 是, or the sole owner row.
    let representative: ParsedRow | null = null;
    let unmarked = true;
    for (const r of rows) {
      if (r.v.representative != null) unmarked = false;
      if (r.v.representative !== true) continue;
      if (representative) sh.fail(r, 'representative', 'import.two_representatives', { row: representative.row });
      else representative = r;
    }
    if (!representative && unmarked) {
      if (rows.length > 1) {
        for (const r of rows) sh.fail(r, 'representative', 'import.needs_representative');
        continue;
      }
      representative = rows[0];
    }
    for (const r of rows) {
      if (!r.ok) continue;
      const idNumber = String(r.v.idNumber);
      out.push({
        row: r.row,
        person_id: (people.get(idNumber) as { id: string }).id,
        id_number: idNumber,
        name: r.v.name,
        phone: s(r.v.phone),
        estate_id: unit.estate.id,
        building_id: unit.buildingId,
        number: String(r.v.number),
        is_representative: r === representative,
        since: s(r.v.since),
      });
    }
  }
  return out;
}

export function resolveStaff(sh: Sheet, ex: Existing, actor: Actor, ix: PlaceIndexes) {
  const seen = { entries: new Map<string, FileEntry<null>>() };
  const out: Record<string, unknown>[] = [];
  for (const r of sh.parsed.rows) {
    if (
      r.v.company == null ||
      r.v.phone == null ||
      !sh.claim(seen, `${r.v.company}\t${r.v.phone}`, r, 'phone', null) ||
      !r.ok
    )
      continue;
    const uscc = String(r.v.company);
    const company = follow(sh, r, 'company', 'company', uscc, ix.companies, ex.companies.get(uscc));
    if (!company) continue;
    if (!coversCompany(actor, KEEPERS, company.id)) {
      sh.fail(r, 'company', 'import.out_of_scope');
      continue;
    }
    const estateCode = s(r.v.estate);
    const estate = estateCode
      ? follow(sh, r, 'estate', 'estate', estateCode, ix.estates, ex.estates.get(estateCode))
      : null;
    if (estate && estate.company_id !== company.id) sh.fail(r, 'estate', 'import.staff_estate_company');
    if (!r.ok) continue;
    out.push({
      id: newId(),
      company_id: company.id,
      name: r.v.name,
      phone: r.v.phone,
      id_number: s(r.v.idNumber),
      position: r.v.position,
      estate_id: estate?.id ?? null,
      status: r.v.status ?? 'active',
    });
  }
  return out;
}
