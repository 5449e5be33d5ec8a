import { clock } from '../../src/kernel/clock.ts';
import type { Db } from '../../src/kernel/db.ts';
import { newId } from '../../src/kernel/ids.ts';

/**
 * Every owner on a matter's roll votes `choice` on paper, written directly: a test about what a vote decides (a fund
 * use, a fee) would otherwise need a login per owner. The voting tests themselves cast ballots through the API.
 */
export async function everyoneVotes(db: Db, matterId: string, choice: 'agree' | 'oppose') {
  const roll = await db.selectFrom('roll_entries').selectAll().where('matter_id', '=', matterId).execute();
  await db
    .insertInto('ballots')
    .values(
      roll.map((e, i) => ({
        id: newId(),
        matter_id: matterId,
        voter_key: e.voter_key,
        area: Number(e.area),
        channel: 'paper' as const,
        choice,
        choices: null,
        receipt: `P${i}-${matterId.slice(-6)}`,
        cast_by: null,
        cast_at: clock.now(),
        superseded_at: null,
        seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}
