import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import { coversEstate, type EstatePlace, estatePlace, unitPlace } from '../registry/index.ts';
import { financePolicy as P } from './policy.ts';

/** 政府指导价 caps by service grade, fen per m² per month. */
export async function listCaps(db: Executor) {
  const rows = await db.selectFrom('fee_caps').selectAll().orderBy('grade').execute();
  return rows.map((r) => ({ grade: r.grade, capFen: r.cap_fen, version: r.version }));
}

export async function saveCap(db: Executor, ctx: RequestContext, grade: number, capFen: number, version: number) {
  return db.transaction().execute(async (trx) => {
    const saved = await saveVersioned(
      trx,
      'fee_caps',
      { grade },
      { cap_fen: capFen, updated_by: ctx.actor.accountId, updated_at: clock.now() },
      version,
    );
    await audit(trx, ctx, {
      action: 'fee_cap.save',
      entityType: 'fee_cap',
      entityId: String(grade),
      after: { capFen },
    });
    return { grade, capFen, version: saved };
  });
}

export interface FeeItemInput {
  name: string;
  basis: 'area_month' | 'unit_month' | 'one_off';
  priceFen: number;
  uses?: ('residence' | 'shop' | 'parking' | 'other')[];
  serviceFee?: boolean;
  exemption?: string | null;
  active?: boolean;
}

const itemView = (r: {
  id: string;
  estate_id: string;
  name: string;
  basis: string;
  price_fen: number;
  uses: string[];
  service_fee: boolean;
  exemption: string | null;
  active: boolean;
  version: number;
}) => ({
  id: r.id,
  estateId: r.estate_id,
  name: r.name,
  basis: r.basis,
  priceFen: r.price_fen,
  uses: r.uses,
  serviceFee: r.service_fee,
  exemption: r.exemption,
  active: r.active,
  version: r.version,
});

/** The estate, if the caller holds one of the roles over it (its company, or government above it). */
export async function estateFor(db: Executor, ctx: RequestContext, estateId: string, roles: readonly Role[]) {
  return mustCover(ctx, await estatePlace(db, estateId), roles);
}

/** A unit and its estate, if the caller holds one of the roles over that estate; 404 for no such unit. */
export async function unitFor(db: Executor, ctx: RequestContext, unitId: string, roles: readonly Role[]) {
  const unit = await unitPlace(db, unitId);
  if (!unit) throw notFound('finance.unit_not_found');
  mustCover(ctx, unit.estate, roles);
  return { ...unit, estateId: unit.estate.id };
}

/** The same check on an estate already read. */
export function mustCover(ctx: RequestContext, estate: EstatePlace, roles: readonly Role[]) {
  if (!coversEstate(ctx.actor, roles, { id: estate.id, region_path: estate.regionPath, company_id: estate.companyId }))
    throw forbidden();
  return estate;
}

export async function listFeeItems(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, P.readFees);
  const rows = await db.selectFrom('fee_items').selectAll().where('estate_id', '=', estateId).orderBy('name').execute();
  return rows.map(itemView);
}

/**
 * A service fee above the city's cap for the estate's grade is refused unless an exemption (the approval that
 * allows it) is recorded with it.
 */
async function checkCap(db: Executor, grade: number, item: FeeItemInput) {
  if (!item.serviceFee || item.basis !== 'area_month') return;
  const cap = await db.selectFrom('fee_caps').select('cap_fen').where('grade', '=', grade).executeTakeFirst();
  if (cap && item.priceFen > cap.cap_fen && !item.exemption?.trim())
    throw new DomainError('finance.above_cap', 400, { cap: (cap.cap_fen / 100).toFixed(2), grade });
}

export async function createFeeItem(db: Executor, ctx: RequestContext, estateId: string, input: FeeItemInput) {
  const estate = await estateFor(db, ctx, estateId, P.editFees);
  if (input.serviceFee && input.basis !== 'area_month') throw new DomainError('finance.service_fee_basis', 400);
  await checkCap(db, estate.serviceGrade, input);
  const row = {
    id: newId(),
    estate_id: estateId,
    name: input.name,
    basis: input.basis,
    price_fen: input.priceFen,
    uses: input.uses ?? ['residence'],
    service_fee: !!input.serviceFee,
    exemption: input.exemption?.trim() || null,
    active: input.active ?? true,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('fee_items').values(row).execute();
    await audit(trx, ctx, { action: 'create', entityType: 'fee_item', entityId: row.id, estateId, after: row });
  });
  return itemView({ ...row, version: 1 });
}

export async function updateFeeItem(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: Partial<FeeItemInput> & { version: number },
) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('fee_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new DomainError('finance.item_not_found', 404);
    const estate = await estateFor(trx, ctx, before.estate_id, P.editFees);
    if (before.version !== input.version) throw versionConflict();
    const merged = {
      name: input.name ?? before.name,
      basis: before.basis,
      priceFen: input.priceFen ?? before.price_fen,
      uses: input.uses ?? (before.uses as FeeItemInput['uses']),
      serviceFee: before.service_fee,
      exemption: input.exemption === undefined ? before.exemption : input.exemption,
      active: input.active ?? before.active,
    };
    await checkCap(trx, estate.serviceGrade, merged);
    const after = await trx
      .updateTable('fee_items')
      .set({
        name: merged.name,
        price_fen: merged.priceFen,
        uses: merged.uses,
        exemption: merged.exemption?.trim() || null,
        active: merged.active,
        version: before.version + 1,
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'fee_item',
      entityId: id,
      estateId: before.estate_id,
      before: itemView(before),
      after: itemView(after),
    });
    return itemView(after);
  });
}
