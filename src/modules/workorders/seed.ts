import { contextAs } from '../../kernel/auth/sessions.ts';
import type { Db } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { ensureDefaults } from './config.ts';
import { createTicket } from './intake.ts';
import { type TransitionInput, transition } from './transitions.ts';

/**
 * A few tickets in the demo city, one at each desk: new at the company, in progress, waiting for the street's
 * whistle, whistled to 城管, and one closed with a rating, so every area has something to show on first start.
 */
export async function seedWorkorderDemo(db: Db): Promise<number> {
  await ensureDefaults(db);
  if (await db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) return 0;
  const [desk, admin, staff, street, dept] = await Promise.all(
    ['company.staff', 'company.admin', 'company.staff', 'wangjiang.street', 'dept.chengguan'].map((u) =>
      contextAs(db, u),
    ),
  );
  if (!desk || !admin || !staff || !street || !dept) return 0;
  const estateId = desk.actor.bindings.find((b) => b.scopeType === 'estate')?.scopeId;
  if (!estateId) return 0;
  const leaves = new Map(
    (await db.selectFrom('workorder_categories').select(['id', 'code']).where('level', '=', 3).execute()).map((c) => [
      c.code,
      c.id,
    ]),
  );
  const demo: [string, string, [RequestContext, Omit<TransitionInput, 'action'> & { action: string }][]][] = [
    ['BUILDING.STAIRS.LIGHT', '3栋2单元楼道灯不亮，晚上很黑', []],
    [
      'UNIT.WATER.LEAK',
      '楼上渗水到卫生间顶棚',
      [
        [admin, { action: 'accept' }],
        [admin, { action: 'dispatch', assigneeAccountId: staff.actor.accountId as string }],
      ],
    ],
    [
      'BUILDING.ELEVATOR.STOPPED',
      '1栋电梯停运两天',
      [
        [admin, { action: 'accept' }],
        [staff, { action: 'start' }],
      ],
    ],
    [
      'COMMON.BUILDING_LAW.ADDITION',
      '顶楼业主在露台违法搭建阳光房',
      [
        [admin, { action: 'accept' }],
        [admin, { action: 'request_escalation', reason: '已劝阻无效，需城管执法' }],
        [street, { action: 'whistle', note: '请城管执法局按时报到' }],
      ],
    ],
    [
      'UNIT.NEIGHBOUR.PETS',
      '邻居家狗夜间持续吠叫',
      [
        [admin, { action: 'accept' }],
        [admin, { action: 'request_escalation', reason: '多次协调无果' }],
      ],
    ],
    [
      'COMMON.SANITATION.GARBAGE',
      '垃圾桶满溢未清运',
      [
        [admin, { action: 'accept' }],
        [staff, { action: 'start' }],
        [staff, { action: 'resolve', note: '已清运并消杀' }],
        [admin, { action: 'confirm' }],
        [
          admin,
          { action: 'feedback', feedback: { solved: true, satisfaction: 'satisfied', comment: '电话回访：满意' } },
        ],
      ],
    ],
  ];
  let n = 0;
  for (const [code, description, steps] of demo) {
    const leaf = leaves.get(code);
    if (!leaf) continue;
    const created = await createTicket(db, desk, {
      estateId,
      categoryId: leaf,
      description,
      placeKind: 'common',
      callerName: '王女士',
      callerPhone: '13900000000',
    });
    for (const [who, input] of steps) await transition(db, who, created.body.id, input as TransitionInput);
    n++;
  }
  return n;
}
