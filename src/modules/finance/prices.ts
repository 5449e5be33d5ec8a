import type { Selectable, Updateable } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { createMatter, decisionOf } from '../voting/index.ts';
import { estateFor } from './fees.ts';
import type { FinanceTables, PriceState } from './tables.ts';

/**
 * 物业服务费的形成 (seed china-construction-news-2020: 政府限价、物业报价、业主还价): the company quotes a price
 * within the city's cap for the estate's grade, with its cost basis; the owners' side (the committee, or the street
 * office and community standing in) counters; the price put to the owners lies between the two, and the owners
 * decide it by vote. A passed vote sets the estate's service fee; bills use it from the next run.
 */

const QUOTERS: Role[] = ['company_admin', 'project_manager'];
const OWNERS_SIDE: Role[] = ['committee_member', 'street_office', 'community'];
/** A fee standard is none of art. 278's named items; it is decided as item 9 (其他重大事项), by double majority. */
const PRICE_ITEM = 9;
const SERVICE_FEE_NAME = '物业服务费';

type Proposal = Selectable<FinanceTables['fee_price_proposals']>;

const view = (p: Proposal) => ({
  id: p.id,
  estateId: p.estate_id,
  grade: p.grade,
  capFen: p.cap_fen,
  quoteFen: p.quote_fen,
  quoteNote: p.quote_note,
  counterFen: p.counter_fen,
  counterNote: p.counter_note,
  agreedFen: p.agreed_fen,
  matterId: p.matter_id,
  state: p.state,
  feeItemId: p.fee_item_id,
  version: p.version,
  createdAt: p.created_at.toISOString(),
});

export async function listPriceProposals(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, [...QUOTERS, ...OWNERS_SIDE, 'city_regulator', 'district_regulator']);
  const rows = await db
    .selectFrom('fee_price_proposals')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('created_at', 'desc')
    .execute();
  // The vote's progress, so the company (which cannot read owners' votes) sees where its price stands.
  return Promise.all(
    rows.map(async (r) => {
      const d = r.matter_id ? await decisionOf(db, r.matter_id) : null;
      return { ...view(r), vote: d && { phase: d.phase, outcome: d.outcome, final: d.final } };
    }),
  );
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** 物业报价: one open negotiation per estate; a quote above the city's cap is refused. */
export async function quotePrice(
  db: Db,
  ctx: RequestContext,
  estateId: string,
  input: { quoteFen: number; note: string },
) {
  const estate = await estateFor(db, ctx, estateId, QUOTERS);
  const cap = await db
    .selectFrom('fee_caps')
    .select('cap_fen')
    .where('grade', '=', estate.serviceGrade)
    .executeTakeFirst();
  if (cap && input.quoteFen > cap.cap_fen)
    throw new DomainError('finance.quote_above_cap', 400, { cap: yuan(cap.cap_fen), grade: estate.serviceGrade });
  const row = {
    id: newId(),
    estate_id: estateId,
    grade: estate.serviceGrade,
    cap_fen: cap?.cap_fen ?? null,
    quote_fen: input.quoteFen,
    quote_note: input.note,
    created_by: ctx.actor.accountId,
  };
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('fee_price_proposals')
      .select('id')
      .where('estate_id', '=', estateId)
      .where('state', 'in', ['quoted', 'countered', 'voting'])
      .executeTakeFirst();
    if (open) throw new DomainError('finance.price_open', 409);
    await trx.insertInto('fee_price_proposals').values(row).execute();
    await audit(trx, ctx, { action: 'price.quote', entityType: 'fee_price', entityId: row.id, estateId, after: row });
  });
  return getPrice(db, row.id);
}

async function getPrice(db: Executor, id: string) {
  const p = await db.selectFrom('fee_price_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('finance.price_not_found');
  return view(p);
}

/** Moves a proposal on from one of `from`, under a row lock; a stale version is a 409. */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
  from: PriceState[],
  roles: Role[],
  action: string,
  change: (trx: Executor, p: Proposal) => Promise<Updateable<FinanceTables['fee_price_proposals']>>,
) {
  await db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('fee_price_proposals')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('finance.price_not_found');
    await estateFor(trx, ctx, p.estate_id, roles);
    if (p.version !== version) throw versionConflict();
    if (!from.includes(p.state))
      throw new DomainError('finance.price_state', 409, { state: `finance.price.${p.state}` });
    const patch = await change(trx, p);
    await trx
      .updateTable('fee_price_proposals')
      .set({ ...patch, version: p.version + 1, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: `price.${action}`,
      entityType: 'fee_price',
      entityId: id,
      estateId: p.estate_id,
      before: { state: p.state },
      after: patch,
    });
  });
  return getPrice(db, id);
}

/** 业主还价: the owners' side names the price it would accept, no higher than the quote. */
export const counterPrice = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; counterFen: number; note: string },
) =>
  step(db, ctx, id, input.version, ['quoted', 'countered'], OWNERS_SIDE, 'counter', async (_trx, p) => {
    if (input.counterFen > p.quote_fen) throw new DomainError('finance.counter_above_quote', 400);
    return { state: 'countered', counter_fen: input.counterFen, counter_note: input.note };
  });

/** The price put to the owners, between the counter-offer and the quote (both included), drafted as a vote. */
export const putPriceToVote = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; agreedFen: number; opensAt: string; closesAt: string },
) =>
  step(db, ctx, id, input.version, ['countered'], OWNERS_SIDE, 'vote', async (trx, p) => {
    const low = p.counter_fen as number;
    if (input.agreedFen < low || input.agreedFen > p.quote_fen)
      throw new DomainError('finance.agreed_out_of_range', 400, { low: yuan(low), high: yuan(p.quote_fen) });
    const matter = await createMatter(trx, ctx, {
      estateId: p.estate_id,
      item: PRICE_ITEM,
      title: `物业服务费标准：每平方米每月 ${yuan(input.agreedFen)} 元`,
      body: [
        p.cap_fen === null ? null : `政府指导价上限：${yuan(p.cap_fen)} 元/㎡·月（${p.grade}级服务）`,
        `物业服务企业报价：${yuan(p.quote_fen)} 元/㎡·月。${p.quote_note}`,
        `业主委员会还价：${yuan(low)} 元/㎡·月。${p.counter_note ?? ''}`,
        `提请表决的收费标准：${yuan(input.agreedFen)} 元/㎡·月，表决通过后自下一账期起执行。`,
      ]
        .filter(Boolean)
        .join('\n'),
      proposerKind: ctx.actor.bindings.some((b) => b.role === 'committee_member') ? 'committee' : 'street',
      opensAt: input.opensAt,
      closesAt: input.closesAt,
    });
    return { state: 'voting', agreed_fen: input.agreedFen, matter_id: matter.id };
  });

/**
 * The vote's final result decides. Passed, the agreed price becomes the estate's service fee: its active service-fee
 * item is repriced, or one is created. It is within the cap by construction, so no exemption is involved.
 */
export const settlePrice = (db: Db, ctx: RequestContext, id: string, version: number) =>
  step(db, ctx, id, version, ['voting'], [...OWNERS_SIDE, ...QUOTERS], 'settle', async (trx, p) => {
    const d = await decisionOf(trx, p.matter_id as string);
    if (!d.final) throw new DomainError('finance.vote_not_final', 409);
    if (d.outcome !== 'PASS') return { state: 'rejected' };
    const price = p.agreed_fen as number;
    const current = await trx
      .selectFrom('fee_items')
      .select(['id', 'price_fen', 'version'])
      .where('estate_id', '=', p.estate_id)
      .where('service_fee', '=', true)
      .where('active', '=', true)
      .orderBy('created_at')
      .forUpdate()
      .executeTakeFirst();
    let itemId = current?.id;
    if (current) {
      await trx
        .updateTable('fee_items')
        .set({ price_fen: price, exemption: null, version: current.version + 1, updated_at: clock.now() })
        .where('id', '=', current.id)
        .execute();
    } else {
      itemId = newId();
      await trx
        .insertInto('fee_items')
        .values({
          id: itemId,
          estate_id: p.estate_id,
          name: SERVICE_FEE_NAME,
          basis: 'area_month',
          price_fen: price,
          uses: ['residence'],
          service_fee: true,
          exemption: null,
          active: true,
        })
        .execute();
    }
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'fee_item',
      entityId: itemId as string,
      estateId: p.estate_id,
      before: current ? { priceFen: current.price_fen } : null,
      after: { priceFen: price, decidedBy: p.matter_id },
    });
    return { state: 'agreed', fee_item_id: itemId };
  });

/** The company may withdraw its quote before it goes to the vote. */
export const withdrawPrice = (db: Db, ctx: RequestContext, id: string, version: number) =>
  step(db, ctx, id, version, ['quoted', 'countered'], QUOTERS, 'withdraw', async () => ({ state: 'withdrawn' }));
