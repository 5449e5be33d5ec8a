import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { audit, canonicalJson } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { insertChunks } from '../../kernel/bulk.ts';
import { newId } from '../../kernel/ids.ts';
import { coversEstate, estatePlace, visibleEstateIds, votingUnits } from '../registry/index.ts';
import { ORGANISERS } from './policy.ts';
import { rollRows } from './roll.ts';
import type { MatterRow, MatterState } from './tables.ts';
import { ELECTION_ITEM, followMajority, rollOf, tallyElection, tallyMatter } from './tally.ts';

/** Matters: drafted, announced with a frozen roll, voted in their window, closed with a sealed, tallied result. */

const DAY_MS = 86_400_000;

export interface MatterInput {
  estateId: string;
  item: number;
  title: string;
  body: string;
  scopeKind?: 'estate' | 'buildings' | 'units';
  scopeIds?: string[];
  proposerKind: 'committee' | 'petition' | 'street' | 'community';
  noticeDays?: number;
  opensAt: string;
  closesAt: string;
  seats?: number;
  showFollowMajority?: boolean;
  /** Principals one proxy holder may represent (local rules, e.g. Weifang: 3). */
  proxyLimit?: number;
  candidates?: { name: string; nomination: 'committee' | 'owners' | 'street' | 'self'; statement?: string }[];
}

/** Voting runs while the matter is announced and the clock is inside its window. */
export function phaseOf(m: Pick<MatterRow, 'state' | 'opens_at' | 'closes_at'>, now = clock.now()) {
  if (m.state !== 'announced') return m.state;
  if (now < m.opens_at) return 'announced';
  return now < m.closes_at ? 'open' : 'ended';
}

export async function loadMatter(db: Executor, ctx: RequestContext, id: string, lock = false) {
  let q = db
    .selectFrom('matters')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb('matters.estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)));
  if (lock) q = q.forUpdate();
  const m = await q.executeTakeFirst();
  if (!m) throw notFound('voting.matter_not_found');
  return m;
}

const canOrganise = (ctx: RequestContext, m: { estate_id: string; region_path: string }) =>
  coversEstate(ctx.actor, ORGANISERS, { id: m.estate_id, region_path: m.region_path, company_id: null });

export async function createMatter(db: Executor, ctx: RequestContext, input: MatterInput) {
  const estate = await estatePlace(db, input.estateId);
  if (!canOrganise(ctx, { estate_id: estate.id, region_path: estate.regionPath })) throw forbidden();
  const election = input.item === ELECTION_ITEM;
  if (election && (!input.seats || !input.candidates?.length))
    throw new DomainError('voting.election_needs_candidates', 400);
  if (election && input.seats && (input.candidates?.length ?? 0) < input.seats)
    throw new DomainError('voting.too_few_candidates', 400, { seats: input.seats });
  if (Date.parse(input.closesAt) <= Date.parse(input.opensAt)) throw new DomainError('voting.window_invalid', 400);
  if ((input.scopeKind ?? 'estate') !== 'estate' && !input.scopeIds?.length)
    throw new DomainError('voting.scope_required', 400);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const row = {
      id,
      estate_id: estate.id,
      region_path: estate.regionPath,
      item: input.item,
      title: input.title,
      body: input.body,
      scope_kind: input.scopeKind ?? 'estate',
      scope_ids: input.scopeIds ?? [],
      proposer_kind: input.proposerKind,
      notice_days: input.noticeDays ?? 15,
      opens_at: new Date(input.opensAt),
      closes_at: new Date(input.closesAt),
      seats: election ? (input.seats as number) : null,
      show_follow_majority: !election && !!input.showFollowMajority,
      proxy_limit: input.proxyLimit ?? 3,
      announced_at: null,
      closed_at: null,
      cancel_reason: null,
      result: null,
      created_by: ctx.actor.accountId,
    };
    await trx.insertInto('matters').values(row).execute();
    if (election)
      await trx
        .insertInto('matter_candidates')
        .values(
          (input.candidates ?? []).map((c, i) => ({
            id: newId(),
            matter_id: id,
            name: c.name,
            person_id: null,
            nomination: c.nomination,
            statement: c.statement ?? null,
            sort: i,
          })),
        )
        .execute();
    await audit(trx, ctx, { action: 'create', entityType: 'matter', entityId: id, estateId: estate.id, after: row });
    return { id };
  });
}

/** Moves a matter along; anything but the expected state is a 409 that names where it stands. */
async function advance(
  db: Executor,
  ctx: RequestContext,
  id: string,
  version: number,
  from: MatterState[],
  change: (trx: Executor, m: MatterRow, now: Date) => Promise<Partial<MatterRow>>,
  action: string,
) {
  return db.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, ctx, id, true);
    if (!canOrganise(ctx, m)) throw forbidden();
    if (m.version !== version) throw versionConflict();
    if (!from.includes(m.state)) throw new DomainError('voting.wrong_state', 409, { state: m.state, action });
    const now = clock.now();
    const patch = await change(trx, m, now);
    const after = await trx
      .updateTable('matters')
      .set({
        ...patch,
        result: patch.result ? JSON.stringify(patch.result) : undefined,
        version: m.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: `matter.${action}`,
      entityType: 'matter',
      entityId: id,
      estateId: m.estate_id,
      before: { state: m.state },
      after: { state: after.state },
    });
    return { id, state: after.state, version: after.version };
  });
}

/** 公告: the text is fixed from here, and the roll is frozen from the registry as it stands now. */
export const announceMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['draft'],
    async (trx, m, now) => {
      if (m.opens_at.getTime() < now.getTime() + m.notice_days * DAY_MS)
        throw new DomainError('voting.notice_too_short', 400, { days: m.notice_days });
      const units = await votingUnits(trx, m.estate_id, {
        buildingIds: m.scope_kind === 'buildings' ? m.scope_ids : undefined,
        unitIds: m.scope_kind === 'units' ? m.scope_ids : undefined,
      });
      const rows = rollRows(units);
      if (!rows.length) throw new DomainError('voting.roll_empty', 400);
      // In chunks: a big estate's roll would pass PostgreSQL's limit on parameters in one statement.
      await insertChunks(
        trx,
        'roll_entries',
        rows.map((r) => ({
          matter_id: m.id,
          voter_key: r.voterKey,
          person_id: r.personId,
          area: r.area,
          units: JSON.stringify(r.units),
          building_ids: r.buildingIds,
          objection: null,
        })),
      );
      const buildings = new Map<string, { name: string; area: number; persons: number }>();
      for (const r of rows) {
        for (const u of r.units) {
          const b = buildings.get(u.buildingId) ?? { name: u.buildingName, area: 0, persons: 0 };
          b.area += u.area;
          buildings.set(u.buildingId, b);
        }
        for (const id of r.buildingIds) (buildings.get(id) as { persons: number }).persons += 1;
      }
      await insertChunks(
        trx,
        'roll_buildings',
        [...buildings].map(([building_id, b]) => ({ matter_id: m.id, building_id, ...b })),
      );
      return {
        state: 'announced',
        announced_at: now,
        roll_area: rows.reduce((sum, r) => sum + r.area, 0),
        roll_persons: rows.length,
      };
    },
    'announce',
  );

export const cancelMatter = (db: Executor, ctx: RequestContext, id: string, version: number, reason: string) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['draft', 'announced'],
    async (_trx, m, now) => {
      // Cancelling is possible until voting opens; after that the owners' ballots decide.
      if (m.state === 'announced' && now >= m.opens_at) throw new DomainError('voting.already_open', 409);
      return { state: 'cancelled', cancel_reason: reason };
    },
    'cancel',
  );

/** Closes voting after its window: seals the ballots' hash chain in order and stores the tally. */
export const closeMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['announced'],
    async (trx, m, now) => {
      if (now < m.closes_at) throw new DomainError('voting.still_open', 409, { closesAt: m.closes_at.toISOString() });
      await sealBallots(trx, m.id);
      return { state: 'closed', closed_at: now, result: await tallyOf(trx, m) };
    },
    'close',
  );

/** 公示: the result becomes public, with the export anyone can recount. */
export const publishMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(db, ctx, id, version, ['closed'], async () => ({ state: 'published' }), 'publish');

/** The tally from the frozen roll and the counted ballots, with the same code as `anju tally`. */
export async function tallyOf(db: Executor, m: MatterRow) {
  const [roll, ballots] = await Promise.all([
    db.selectFrom('roll_entries').select(['voter_key', 'area']).where('matter_id', '=', m.id).execute(),
    db
      .selectFrom('ballots')
      .select(['voter_key', 'choice', 'choices'])
      .where('matter_id', '=', m.id)
      .where('superseded_at', 'is', null)
      .execute(),
  ]);
  const r = rollOf(roll.map((e) => ({ id: e.voter_key, personId: e.voter_key, area: Number(e.area) })));
  if (m.item !== ELECTION_ITEM) {
    const strict = tallyMatter(
      m.item,
      r,
      ballots.map((b) => ({ voterId: b.voter_key, choice: b.choice as 'agree' })),
    );
    return m.show_follow_majority ? { ...strict, alternative: followMajority(m.item, strict) } : strict;
  }
  const candidates = await db
    .selectFrom('matter_candidates')
    .select('id')
    .where('matter_id', '=', m.id)
    .orderBy('sort')
    .execute();
  return tallyElection(
    r,
    m.seats as number,
    candidates.map((c) => c.id),
    ballots.map((b) => ({ voterId: b.voter_key, choices: b.choices ?? [] })),
  );
}

/** Every ballot, in the order cast, chained: hash = SHA-256(previous hash ‖ canonical JSON of the ballot). */
async function sealBallots(trx: Executor, matterId: string) {
  const rows = await trx
    .selectFrom('ballots')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('cast_at')
    .orderBy('id')
    .execute();
  const prevs: string[] = [];
  const hashes: string[] = [];
  let prev = '0'.repeat(64);
  for (const [i, b] of rows.entries()) {
    prevs.push(prev);
    prev = ballotHash(prev, i + 1, b);
    hashes.push(prev);
  }
  // One statement for the whole chain, however many ballots.
  await sql`
    UPDATE ballots b SET seq = v.seq, prev_hash = v.prev, hash = v.hash
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((_, i) => i + 1)}::int[], ${prevs}::text[],
                ${hashes}::text[]) AS v(id, seq, prev, hash)
    WHERE b.id = v.id`.execute(trx);
}

export function ballotHash(
  prev: string,
  seq: number,
  b: { receipt: string; choice: string | null; choices: string[] | null; cast_at: Date; superseded_at: Date | null },
) {
  const body = canonicalJson({
    seq,
    receipt: b.receipt,
    choice: b.choice,
    choices: b.choices,
    castAt: b.cast_at.toISOString(),
    superseded: b.superseded_at !== null,
  });
  return createHash('sha256').update(prev).update(body).digest('hex');
}
