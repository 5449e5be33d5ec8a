import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import { coversEstate, estatePlace } from '../registry/index.ts';
import { ORGANISERS } from './policy.ts';

/** 业主大会议事规则, as far as the platform enforces them. Until an estate records its own, these defaults hold. */
export interface AssemblyRules {
  /** Days between the 公告 and the opening of voting (15 in most local regulations). */
  noticeDays: number;
  /** Days the result stays in 公示 before the matter is archived. */
  publicityDays: number;
  /** May an owner replace their online ballot before the close. */
  revote: boolean;
  /** One owner with a paper and an online ballot: which counts. */
  paperOnline: 'earlier' | 'paper' | 'online';
  /** Principals one proxy holder may represent. */
  proxyLimit: number;
  /** The rules adopt "未参与表决视为同意多数意见": that count is shown, flagged, beside the strict result. */
  followMajority: boolean;
  /** The committee may decide a spending of public revenue up to this many fen without a vote (0: never). */
  committeeSpendLimitFen: number;
}

export const DEFAULT_RULES: AssemblyRules = {
  noticeDays: 15,
  publicityDays: 7,
  revote: true,
  paperOnline: 'earlier',
  proxyLimit: 3,
  followMajority: false,
  committeeSpendLimitFen: 0,
};

export async function rulesOf(db: Executor, estateId: string): Promise<AssemblyRules & { version: number }> {
  const r = await db.selectFrom('assembly_rules').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
  if (!r) return { ...DEFAULT_RULES, version: 0 };
  return {
    noticeDays: r.notice_days,
    publicityDays: r.publicity_days,
    revote: r.revote,
    paperOnline: r.paper_online,
    proxyLimit: r.proxy_limit,
    followMajority: r.follow_majority,
    committeeSpendLimitFen: Number(r.committee_spend_limit_fen),
    version: r.version,
  };
}

/** Any reader of the estate may read its rules; the organisers record them (after the assembly adopts them). */
export async function readRules(db: Executor, ctx: RequestContext, estateId: string) {
  const estate = await estatePlace(db, estateId);
  if (!coversEstate(ctx.actor, [...ORGANISERS, 'city_regulator', 'district_regulator'], toCheck(estate)))
    throw forbidden();
  return { estateId, ...(await rulesOf(db, estateId)) };
}

const toCheck = (e: { id: string; regionPath: string }) => ({ id: e.id, region_path: e.regionPath, company_id: null });

/** Records the rules; `version` 0 for an estate still on the defaults. A stale version is a 409. */
export async function saveRules(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: Omit<AssemblyRules, 'committeeSpendLimitFen'> & { committeeSpendLimitFen?: number; version: number },
) {
  const estate = await estatePlace(db, estateId);
  if (!coversEstate(ctx.actor, ORGANISERS, toCheck(estate))) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const before = await rulesOf(trx, estateId);
    const row = {
      notice_days: input.noticeDays,
      publicity_days: input.publicityDays,
      revote: input.revote,
      paper_online: input.paperOnline,
      proxy_limit: input.proxyLimit,
      follow_majority: input.followMajority,
      committee_spend_limit_fen: input.committeeSpendLimitFen ?? before.committeeSpendLimitFen,
      updated_by: ctx.actor.accountId,
      updated_at: clock.now(),
    };
    // Guarded by the version read: two organisers saving at once never both win.
    const version = await saveVersioned(trx, 'assembly_rules', { estate_id: estateId }, row, input.version);
    const { version: _v, ...was } = before;
    const { version: _n, ...given } = input;
    const now = { ...given, committeeSpendLimitFen: row.committee_spend_limit_fen };
    await audit(trx, ctx, {
      action: 'assembly_rules.save',
      entityType: 'estate',
      entityId: estateId,
      estateId,
      before: was,
      after: now,
    });
    return { estateId, ...now, version };
  });
}

/** May the committee decide this spending of public revenue by itself, under the estate's rules? */
export async function committeeMaySpend(db: Executor, estateId: string, amountFen: number) {
  const { committeeSpendLimitFen } = await rulesOf(db, estateId);
  return { allowed: amountFen <= committeeSpendLimitFen, limitFen: committeeSpendLimitFen };
}
