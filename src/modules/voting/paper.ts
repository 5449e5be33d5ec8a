import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { type BallotInput, checkedChoice, countTurnout, receiptCode } from './ballots.ts';
import { canOrganise, loadMatter, phaseOf, wrongState } from './matters.ts';

// What the organisers enter: written proxies (委托书) and paper ballots with their scans.

/**
 * Records a written proxy (委托书) for a matter, before or while voting runs: the principal and the holder are
 * named by a unit of theirs; one holder represents at most the matter's proxy limit (3 by default).
 */
export async function recordProxy(
  db: Executor,
  ctx: RequestContext,
  matterId: string,
  input: { principalUnit: string; holderUnit: string; serial: string },
) {
  return db.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, ctx, matterId, 'update');
    if (!canOrganise(ctx, m)) throw forbidden();
    const phase = phaseOf(m);
    if (phase !== 'announced' && phase !== 'open') throw wrongState(phase, 'proxy');
    const keyOf = async (unit: string) => {
      const e = await trx
        .selectFrom('roll_entries')
        .select('voter_key')
        .where('matter_id', '=', m.id)
        .where(sql<boolean>`units @> ${JSON.stringify([{ label: unit }])}::jsonb`)
        .executeTakeFirst();
      if (!e) throw new DomainError('voting.unit_not_on_roll', 400, { unit });
      return e.voter_key;
    };
    const principal = await keyOf(input.principalUnit);
    const holder = await keyOf(input.holderUnit);
    if (principal === holder) throw new DomainError('voting.proxy_self', 400);
    const held = await trx
      .selectFrom('proxies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('matter_id', '=', m.id)
      .where('holder_key', '=', holder)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= m.proxy_limit) throw new DomainError('voting.proxy_limit', 409, { limit: m.proxy_limit });
    const exists = await trx
      .selectFrom('proxies')
      .select('holder_key')
      .where('matter_id', '=', m.id)
      .where('principal_key', '=', principal)
      .executeTakeFirst();
    if (exists) throw new DomainError('voting.proxy_exists', 409);
    await trx
      .insertInto('proxies')
      .values({
        matter_id: m.id,
        principal_key: principal,
        holder_key: holder,
        serial: input.serial,
        recorded_by: ctx.actor.accountId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'proxy.record',
      entityType: 'matter',
      entityId: m.id,
      estateId: m.estate_id,
      after: input,
    });
    return { ok: true };
  });
}

/**
 * A paper ballot, entered by an organiser with its printed serial number and its scan, for the owner of the unit
 * named on it (its label, e.g. "3栋 1201"). When the owner already has a ballot, the 议事规则 decide which counts
 * (by default the earlier); the other stays in the chain, not counted, and the conflict is logged.
 */
export async function recordPaperBallot(
  db: Executor,
  ctx: RequestContext,
  matterId: string,
  input: BallotInput & { unit: string; serial: string; scanId: string },
) {
  return db.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, ctx, matterId, 'share');
    if (!canOrganise(ctx, m)) throw forbidden();
    const phase = phaseOf(m);
    // Paper collected in the window may be entered until the count.
    if (phase !== 'open' && phase !== 'ended')
      throw new DomainError('voting.not_open', 409, {
        opensAt: m.opens_at.toISOString(),
        closesAt: m.closes_at.toISOString(),
      });
    const entry = await trx
      .selectFrom('roll_entries')
      .select(['voter_key', 'area', 'units'])
      .where('matter_id', '=', m.id)
      .where(sql<boolean>`units @> ${JSON.stringify([{ label: input.unit }])}::jsonb`)
      .forUpdate()
      .executeTakeFirst();
    if (!entry) throw new DomainError('voting.unit_not_on_roll', 400, { unit: input.unit });
    const { choice, choices } = await checkedChoice(trx, m, input);
    const used = await trx
      .selectFrom('ballots')
      .select('id')
      .where('matter_id', '=', m.id)
      .where('paper_serial', '=', input.serial)
      .executeTakeFirst();
    if (used) throw new DomainError('voting.serial_used', 409, { serial: input.serial });
    const scan = await trx
      .selectFrom('matter_files')
      .leftJoin('ballots', 'ballots.scan_id', 'matter_files.id')
      .select(['matter_files.id', 'ballots.id as usedBy'])
      .where('matter_files.id', '=', input.scanId)
      .where('matter_files.matter_id', '=', m.id)
      .where('matter_files.kind', '=', 'ballot_scan')
      .executeTakeFirst();
    if (!scan || scan.usedBy) throw new DomainError('voting.scan_invalid', 400);
    const earlier = await trx
      .selectFrom('ballots')
      .select(['id', 'receipt', 'channel'])
      .where('matter_id', '=', m.id)
      .where('voter_key', '=', entry.voter_key)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    const now = clock.now();
    const receipt = receiptCode();
    // Only the rule "paper counts" lets paper displace an online ballot; two paper ballots: the earlier counts.
    const displaces = earlier?.channel === 'online' && m.paper_online === 'paper';
    if (displaces && earlier)
      await trx
        .updateTable('ballots')
        .set({ superseded_at: now, note: `conflict: paper ballot ${input.serial} counts (rules)` })
        .where('id', '=', earlier.id)
        .execute();
    const counted = !earlier || displaces;
    await trx
      .insertInto('ballots')
      .values({
        id: newId(),
        matter_id: m.id,
        voter_key: entry.voter_key,
        area: Number(entry.area),
        channel: 'paper',
        choice,
        choices,
        receipt,
        paper_serial: input.serial,
        scan_id: input.scanId,
        note: counted ? null : `conflict: the earlier ballot ${earlier?.receipt} counts`,
        cast_by: ctx.actor.accountId,
        cast_at: now,
        superseded_at: counted ? null : now,
        seq: null,
        prev_hash: null,
        hash: null,
      })
      .execute();
    if (!earlier) await countTurnout(trx, m.id, entry.voter_key, entry.units);
    await audit(trx, ctx, {
      action: earlier ? 'ballot.paper_conflict' : 'ballot.paper',
      entityType: 'matter',
      entityId: m.id,
      estateId: m.estate_id,
      after: { serial: input.serial, unit: input.unit, counted, rule: earlier ? m.paper_online : undefined },
    });
    return { receipt, counted };
  });
}
