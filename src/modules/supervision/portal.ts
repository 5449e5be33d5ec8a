import type { Executor } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import { estatePlace, estatesOfCompany, publicCompany, searchCompanies, searchEstates } from '../registry/index.ts';
import { today } from './records.ts';
import { starsInForce } from './stars.ts';

/**
 * 公开门户 (no login): what the city publishes about companies — their latest grade and rank, their ranking history,
 * sanctions — and each estate's rectification progress. Only published facts: no pending records, no personal data.
 */

export async function findCompanies(db: Executor, q: string) {
  const found = await searchCompanies(db, q.trim(), 50);
  const latest = await latestResults(
    db,
    found.map((c) => c.id),
  );
  const barred = await inForce(
    db,
    found.map((c) => c.id),
  );
  return found.map((c) => ({
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    latest: latest.get(c.id) ?? null,
    sanctions: barred.get(c.id) ?? [],
  }));
}

async function latestResults(db: Executor, ids: string[]) {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('credit_results')
    .select(['company_id', 'period', 'grade', 'rank', 'total'])
    .where('company_id', 'in', ids)
    .orderBy('period', 'desc')
    .execute();
  const latest = new Map<string, { period: string; grade: string; rank: number; total: number }>();
  for (const r of rows)
    if (!latest.has(r.company_id))
      latest.set(r.company_id, { period: r.period, grade: r.grade, rank: r.rank, total: r.total });
  return latest;
}

async function inForce(db: Executor, ids: string[]) {
  if (!ids.length) return new Map();
  const on = today();
  const rows = await db
    .selectFrom('sanctions')
    .select(['company_id', 'kind', 'period', 'starts_on', 'ends_on', 'reason'])
    .where('company_id', 'in', ids)
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .execute();
  const by = new Map<string, { kind: string; period: string; from: string; until: string; reason: string }[]>();
  for (const r of rows)
    by.set(r.company_id, [
      ...(by.get(r.company_id) ?? []),
      { kind: r.kind, period: r.period, from: r.starts_on, until: r.ends_on, reason: r.reason },
    ]);
  return by;
}

/** A company's public profile: the estates it manages, every published quarter's result, every sanction. */
export async function companyProfile(db: Executor, id: string) {
  const company = await publicCompany(db, id);
  if (!company || company.status === 'deregistered') throw notFound('credit.company_not_found');
  const [history, sanctions, estateIds] = await Promise.all([
    db
      .selectFrom('credit_results')
      .select(['period', 'grade', 'rank', 'total', 'failed'])
      .where('company_id', '=', id)
      .orderBy('period', 'desc')
      .execute(),
    db.selectFrom('sanctions').selectAll().where('company_id', '=', id).orderBy('starts_on', 'desc').execute(),
    estatesOfCompany(db, id),
  ]);
  const [estates, stars] = await Promise.all([
    Promise.all(estateIds.map((e) => estatePlace(db, e))),
    starsInForce(db, estateIds),
  ]);
  return {
    id: company.id,
    name: company.name,
    uscc: company.uscc,
    estates: estates.map((e) => ({ id: e.id, name: e.name, address: e.address, stars: stars.get(e.id) ?? null })),
    history,
    sanctions: sanctions.map((s) => ({
      kind: s.kind,
      period: s.period,
      from: s.starts_on,
      until: s.ends_on,
      reason: s.reason,
    })),
  };
}

/** An estate's rectification progress: notices raised, passed, still open, overdue. */
export async function estateRectification(db: Executor, estateId: string) {
  const estate = await estatePlace(db, estateId);
  const [rows, stars] = await Promise.all([
    db
      .selectFrom('rectifications')
      .select(['state', 'deadline', 'passed_on'])
      .where('estate_id', '=', estateId)
      .execute(),
    starsInForce(db, [estateId]),
  ]);
  const on = today();
  const open = rows.filter((r) => r.state !== 'passed');
  return {
    estateId,
    name: estate.name,
    found: rows.length,
    rectified: rows.length - open.length,
    open: open.length,
    overdue: open.filter((r) => r.deadline < on).length,
    rateBp: rows.length ? Math.floor(((rows.length - open.length) * 10_000) / rows.length) : null,
    stars: stars.get(estateId) ?? null,
  };
}

/** Estates by name or address, with their company and star rating: public facts only. */
export async function findEstates(db: Executor, q: string) {
  const found = await searchEstates(db, q.trim(), 50);
  const stars = await starsInForce(
    db,
    found.map((e) => e.id),
  );
  return found.map((e) => ({ ...e, stars: stars.get(e.id) ?? null }));
}
