import { contextAs } from '../../kernel/auth/sessions.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { votingUnits } from '../registry/index.ts';
import { announceMatter } from './lifecycle.ts';
import { createMatter } from './matters.ts';

const DAY = 86_400_000;

/**
 * Two matters in the committee's estate, so the demo has a vote to cast and an election to look at: the use of
 * the maintenance fund, open for voting now, and the next committee's election, announced and opening in 16 days.
 */
export async function seedVotingDemo(db: Db): Promise<number> {
  if (await db.selectFrom('matters').select('id').limit(1).executeTakeFirst()) return 0;
  const ctx = await contextAs(db, 'committee.member');
  const estateId = ctx?.actor.bindings.find((b) => b.scopeType === 'estate')?.scopeId;
  if (!ctx || !estateId) return 0;
  const now = clock.nowMs();
  try {
    // Announced 17 days ago with the statutory 15 days' notice, so its voting window is open today.
    clock.set(new Date(now - 17 * DAY));
    const fund = await createMatter(db, ctx, {
      estateId,
      item: 5,
      title: '使用专项维修资金更换 1 栋、2 栋电梯主机',
      body: '1 栋、2 栋电梯已运行 18 年，经检测主机老化。拟使用专项维修资金 86.4 万元更换主机，施工单位经公开比选确定，详见附件报价。',
      proposerKind: 'committee',
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 13 * DAY).toISOString(),
    });
    await announceMatter(db, ctx, fund.id, 1);
  } finally {
    clock.reset();
  }
  const seen = new Set<string>();
  const owners = (await votingUnits(db, estateId)).filter(
    (u) => u.holder === 'owner' && u.personId && !seen.has(u.personId) && seen.add(u.personId),
  );
  const opens = new Date(now + 16 * DAY);
  const election = await createMatter(db, ctx, {
    estateId,
    item: 3,
    title: '选举第二届业主委员会委员',
    body: '应选委员 5 名，候选人 6 名，候选人名单已公示。每位业主最多可选 5 名。',
    proposerKind: 'committee',
    opensAt: opens.toISOString(),
    closesAt: new Date(opens.getTime() + 14 * DAY).toISOString(),
    seats: 5,
    candidates: owners.slice(3, 9).map((u, i) => ({ unit: u.label, nomination: i % 2 ? 'committee' : 'owners' })),
  });
  await announceMatter(db, ctx, election.id, 1);
  return 2;
}
