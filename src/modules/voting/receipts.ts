import { createHash } from 'node:crypto';
import type { Executor } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { loadMatter } from './matters.ts';
import { DEVELOPER, ELECTION_ITEM } from './tally.ts';

// What a voter and anyone else can check: one's own roll entry and ballot, and the recountable export.

/** The caller's own roll entry and counted ballot, so they can check both. */
export async function myVote(db: Executor, ctx: RequestContext, matterId: string) {
  const m = await loadMatter(db, ctx, matterId);
  const key = ctx.actor.personId ?? '';
  const [entry, ballot] = await Promise.all([
    db
      .selectFrom('roll_entries')
      .select(['area', 'units'])
      .where('matter_id', '=', m.id)
      .where('voter_key', '=', key)
      .executeTakeFirst(),
    db
      .selectFrom('ballots')
      .select(['receipt', 'choice', 'choices', 'cast_at'])
      .where('matter_id', '=', m.id)
      .where('voter_key', '=', key)
      .where('superseded_at', 'is', null)
      .executeTakeFirst(),
  ]);
  return {
    onRoll: !!entry,
    area: entry ? Number(entry.area) : null,
    units: entry?.units ?? [],
    ballot: ballot
      ? {
          receipt: ballot.receipt,
          choice: ballot.choice,
          choices: ballot.choices,
          castAt: ballot.cast_at.toISOString(),
        }
      : null,
  };
}

/**
 * Per matter, a pseudonym for each voter: the export shows who voted how without saying who they are, and a
 * voter finds their ballot by its receipt.
 */
export const pseudonym = (matterId: string, voterKey: string) =>
  voterKey === DEVELOPER
    ? DEVELOPER
    : `v-${createHash('sha256').update(`${matterId}:${voterKey}`).digest('hex').slice(0, 12)}`;

/**
 * The published export, in the very shape `anju tally --file` reads: units with their area by source and a
 * pseudonymous owner, the counted ballots with receipts, every ballot's place in the hash chain, and the result.
 */
export async function exportMatter(db: Executor, matterId: string) {
  const m = await db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  if (!m || (m.state !== 'closed' && m.state !== 'published')) throw notFound('voting.matter_not_found');
  const [roll, ballots, candidates] = await Promise.all([
    db.selectFrom('roll_entries').select(['voter_key', 'units']).where('matter_id', '=', m.id).execute(),
    db.selectFrom('ballots').selectAll().where('matter_id', '=', m.id).orderBy('seq').execute(),
    db.selectFrom('matter_candidates').select(['id', 'name']).where('matter_id', '=', m.id).orderBy('sort').execute(),
  ]);
  const areaField = { registered: 'registeredArea', surveyed: 'surveyedArea', contract: 'contractArea' } as const;
  const units = roll.flatMap((e) =>
    e.units.map((u) => ({
      id: u.label,
      ...(e.voter_key === DEVELOPER ? { developerHeld: true } : { ownerId: pseudonym(m.id, e.voter_key) }),
      [areaField[u.source]]: u.area,
    })),
  );
  const counted = ballots.filter((b) => !b.superseded_at);
  return {
    matter: m.item,
    ...(m.item === ELECTION_ITEM
      ? { seats: m.seats, candidates: candidates.map((c) => c.id), candidateNames: candidates }
      : {}),
    title: m.title,
    closedAt: m.closed_at?.toISOString() ?? null,
    units,
    ballots: counted.map((b) => ({
      voterId: pseudonym(m.id, b.voter_key),
      ...(b.choices ? { choices: b.choices } : { choice: b.choice }),
      receipt: b.receipt,
    })),
    chain: ballots.map((b) => ({
      seq: b.seq,
      receipt: b.receipt,
      choice: b.choice,
      choices: b.choices,
      castAt: b.cast_at.toISOString(),
      superseded: b.superseded_at !== null,
      prevHash: b.prev_hash,
      hash: b.hash,
    })),
    result: m.result,
  };
}
