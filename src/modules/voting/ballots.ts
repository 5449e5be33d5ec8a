import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { audit, auditInsertIf } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { visibleEstateIds } from '../registry/index.ts';
import { loadMatter, phaseOf } from './matters.ts';
import type { MatterRow, RollUnitEntry } from './tables.ts';
import { CHOICES, type Choice, ELECTION_ITEM } from './tally.ts';

/** Receipts a voter can read out: 10 characters without look-alikes (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const receiptCode = () => [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

export interface BallotInput {
  choice?: Choice;
  choices?: string[];
  /** A re-vote replaces the counted ballot only when asked for: two devices at once never both count. */
  replace?: boolean;
  /** A proxy holder names a unit of the principal they vote for. */
  forUnit?: string;
}

/** An owner votes online for all their units; identity comes from the login. */
export async function castBallot(db: Executor, ctx: RequestContext, matterId: string, input: BallotInput) {
  const personId = ctx.actor.personId;
  if (ctx.actor.kind !== 'resident' || !personId) throw forbidden();
  if (!input.forUnit && !input.replace) {
    const first = await firstBallot(db, ctx, matterId, personId, input.choice);
    if (first) return first;
  }
  return db.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, ctx, matterId, 'share');
    const now = clock.now();
    if (phaseOf(m, now) !== 'open')
      throw new DomainError('voting.not_open', 409, {
        opensAt: m.opens_at.toISOString(),
        closesAt: m.closes_at.toISOString(),
      });
    // A proxy holder votes for the principal whose unit they name; everyone else for themselves.
    const voterKey = input.forUnit ? await principalOf(trx, m.id, personId, input.forUnit) : personId;
    // Locking the voter's roll entry makes their concurrent ballots take turns.
    const entry = await trx
      .selectFrom('roll_entries')
      .select(['voter_key', 'area', 'units'])
      .where('matter_id', '=', m.id)
      .where('voter_key', '=', voterKey)
      .forUpdate()
      .executeTakeFirst();
    if (!entry) throw new DomainError('voting.not_on_roll', 403);
    const { choice, choices } = await checkedChoice(trx, m, input);
    const counted = await trx
      .selectFrom('ballots')
      .select(['id', 'receipt', 'channel'])
      .where('matter_id', '=', m.id)
      .where('voter_key', '=', voterKey)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    // Paper meets online: the 议事规则 decide (by default the earlier ballot counts); the conflict is logged.
    const overPaper = counted?.channel === 'paper';
    if (overPaper && m.paper_online !== 'online') throw new DomainError('voting.paper_counted', 409);
    if (counted && !overPaper && !input.replace) throw new DomainError('voting.already_voted', 409);
    if (counted && !overPaper && !m.revote) throw new DomainError('voting.revote_forbidden', 409);
    if (counted)
      await trx
        .updateTable('ballots')
        .set({ superseded_at: now, note: overPaper ? 'conflict: the online ballot counts (rules)' : undefined })
        .where('id', '=', counted.id)
        .execute();
    const ballot = {
      id: newId(),
      matter_id: m.id,
      voter_key: voterKey,
      area: Number(entry.area),
      note: input.forUnit ? 'proxy' : null,
      channel: 'online' as const,
      choice,
      choices,
      receipt: receiptCode(),
      cast_by: ctx.actor.accountId,
      cast_at: now,
      superseded_at: null,
      seq: null,
      prev_hash: null,
      hash: null,
    };
    await trx.insertInto('ballots').values(ballot).execute();
    if (!counted) await countTurnout(trx, m.id, entry.voter_key, entry.units);
    // The audit records that a ballot was cast, never how: the choice stays between the voter and the tally.
    await audit(trx, ctx, {
      action: overPaper ? 'ballot.paper_conflict' : counted ? 'ballot.replace' : 'ballot.cast',
      entityType: 'matter',
      entityId: m.id,
      estateId: m.estate_id,
    });
    return { receipt: ballot.receipt, castAt: now.toISOString(), replaced: !!counted };
  });
}

/**
 * The common case, an owner's first ballot on a matter (not an election), in two statements and no transaction:
 * one read of the matter with the owner's roll entry, then the ballot, the turnout, and the audit entry written
 * together. The unique index on counted ballots makes two devices at once yield one ballot; the matter row is
 * share-locked so a close waits for it. When anything is off, nothing is written and the full path says why.
 */
async function firstBallot(
  db: Executor,
  ctx: RequestContext,
  matterId: string,
  voterKey: string,
  choice: Choice | undefined,
) {
  if (!choice || !CHOICES.includes(choice)) return undefined;
  const m = await db
    .selectFrom('matters')
    .innerJoin('roll_entries', (j) =>
      j.onRef('roll_entries.matter_id', '=', 'matters.id').on('roll_entries.voter_key', '=', voterKey),
    )
    .select([
      'matters.estate_id',
      'matters.item',
      'matters.state',
      'matters.opens_at',
      'matters.closes_at',
      'matters.published_at',
      'matters.publicity_days',
      'roll_entries.area',
      'roll_entries.units',
    ])
    .where('matters.id', '=', matterId)
    .where((eb) => eb('matters.estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)))
    .executeTakeFirst();
  const now = clock.now();
  if (!m || m.item === ELECTION_ITEM || phaseOf(m, now) !== 'open') return undefined;
  const receipt = receiptCode();
  const turnout = turnoutUpdates(matterId, voterKey, m.units, 'ins');
  const { rows } = await sql<{ n: number }>`
    WITH open AS (
      SELECT id FROM matters
      WHERE id = ${matterId} AND state = 'announced' AND opens_at <= ${now} AND closes_at > ${now} FOR SHARE),
    ins AS (
      INSERT INTO ballots (id, matter_id, voter_key, channel, area, choice, receipt, cast_by, cast_at)
      SELECT ${newId()}::uuid, open.id, ${voterKey}, 'online', ${Number(m.area)}::bigint, ${choice}, ${receipt},
        ${ctx.actor.accountId}::uuid, ${now}::timestamptz
      FROM open
      ON CONFLICT (matter_id, voter_key) WHERE superseded_at IS NULL DO NOTHING
      RETURNING id),
    buildings AS (${turnout[0]}),
    roll AS (${turnout[1]}),
    logged AS (${auditInsertIf(db, ctx, { action: 'ballot.cast', entityType: 'matter', entityId: matterId, estateId: m.estate_id }, 'ins')})
    SELECT count(*)::int AS n FROM ins`.execute(db);
  return rows[0]?.n ? { receipt, castAt: now.toISOString(), replaced: false } : undefined;
}

/** The principal a holder may vote for: named by one of their units, with a proxy recorded for this holder. */
async function principalOf(trx: Executor, matterId: string, holderKey: string, unit: string): Promise<string> {
  const proxy = await trx
    .selectFrom('proxies')
    .innerJoin('roll_entries', (j) =>
      j
        .onRef('roll_entries.matter_id', '=', 'proxies.matter_id')
        .onRef('roll_entries.voter_key', '=', 'proxies.principal_key'),
    )
    .select('proxies.principal_key')
    .where('proxies.matter_id', '=', matterId)
    .where('proxies.holder_key', '=', holderKey)
    .where(sql<boolean>`roll_entries.units @> ${JSON.stringify([{ label: unit }])}::jsonb`)
    .executeTakeFirst();
  if (!proxy) throw new DomainError('voting.no_proxy', 403, { unit });
  return proxy.principal_key;
}

/** A valid choice for the matter: agree/oppose/abstain, or up to `seats` distinct candidates of an election. */
export async function checkedChoice(trx: Executor, m: MatterRow, input: BallotInput) {
  if (m.item !== ELECTION_ITEM) {
    if (!input.choice || !CHOICES.includes(input.choice)) throw new DomainError('voting.choice_invalid', 400);
    return { choice: input.choice, choices: null };
  }
  const ids = new Set(
    (await trx.selectFrom('matter_candidates').select('id').where('matter_id', '=', m.id).execute()).map((c) => c.id),
  );
  const choices = input.choices ?? [];
  if (
    !input.choices ||
    choices.length > (m.seats as number) ||
    new Set(choices).size !== choices.length ||
    choices.some((c) => !ids.has(c))
  )
    throw new DomainError('voting.choices_invalid', 400, { seats: m.seats });
  return { choice: null, choices };
}

/**
 * A voter's first counted ballot marks them as voted on the roll, adds their area (and them, once) to each
 * building where they hold units, and counts them once overall in their first building. `after` names a CTE of
 * the same statement that must yield a row for this to happen (the ballot's INSERT … ON CONFLICT DO NOTHING).
 */
function turnoutUpdates(matterId: string, voterKey: string, units: RollUnitEntry[], after?: string) {
  const byBuilding = new Map<string, number>();
  for (const u of units) byBuilding.set(u.buildingId, (byBuilding.get(u.buildingId) ?? 0) + u.area);
  const guard = after ? sql`, ${sql.table(after)}` : sql``;
  return [
    sql`
      UPDATE roll_buildings rb SET voted_area = rb.voted_area + v.area, voted_persons = rb.voted_persons + 1,
        voted_primary = rb.voted_primary + (rb.building_id = ${units[0].buildingId})::int
      FROM unnest(${[...byBuilding.keys()]}::uuid[], ${[...byBuilding.values()]}::bigint[]) AS v(building_id, area)
      ${guard}
      WHERE rb.matter_id = ${matterId} AND rb.building_id = v.building_id`,
    sql`
      UPDATE roll_entries r SET voted = true ${after ? sql`FROM ${sql.table(after)}` : sql``}
      WHERE r.matter_id = ${matterId} AND r.voter_key = ${voterKey}`,
  ];
}

export async function countTurnout(trx: Executor, matterId: string, voterKey: string, units: RollUnitEntry[]) {
  for (const update of turnoutUpdates(matterId, voterKey, units)) await update.execute(trx);
}
