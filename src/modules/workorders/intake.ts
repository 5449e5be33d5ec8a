import { sql } from 'kysely';
import { auditInsert } from '../../kernel/audit.ts';
import type { Actor, Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { once } from '../../kernel/idempotency.ts';
import { newId } from '../../kernel/ids.ts';
import { writeTogether } from '../../kernel/together.ts';
import { coversEstate, reportingContext } from '../registry/index.ts';
import { shanghaiDate } from './calendar.ts';
import { clocksOf, currentConfig, deadline, type WorkorderConfig } from './config.ts';
import { attachPhotos, eventInsert } from './events.ts';
import { responsibleNow } from './parties.ts';
import { PHOTOS_PER_TICKET } from './photos.ts';
import { rollupDeltas } from './rollups.ts';
import type { Channel, Priority, TicketRow } from './tables.ts';

export interface TicketInput {
  estateId: string;
  categoryId: string;
  description: string;
  placeKind: 'unit' | 'building' | 'common';
  unitId?: string;
  buildingId?: string;
  placeText?: string;
  photoIds?: string[];
  anonymous?: boolean;
  lat?: number;
  lng?: number;
  /** Staff, community and hotline entries record who called. */
  callerName?: string;
  callerPhone?: string;
  priority?: Priority;
  externalId?: string;
}

const STAFF: Role[] = ['company_admin', 'company_staff', 'project_manager'];
const GOVERNMENT: Role[] = ['community', 'street_office', 'district_regulator', 'city_regulator'];

/** Which intake channel the caller is, and whether they may report for this estate. */
function channelOf(
  actor: Actor,
  estate: { id: string; region_path: string; company_id: string | null },
  ownsUnit: boolean,
  hotline: boolean,
): Channel {
  if (actor.kind === 'resident') {
    if (!actor.personId || !ownsUnit) throw forbidden();
    return 'resident';
  }
  if (actor.kind === 'integration') {
    if (!coversEstate(actor, GOVERNMENT, estate)) throw forbidden();
    return hotline ? 'hotline' : 'api';
  }
  if (coversEstate(actor, STAFF, estate)) return 'staff';
  if (coversEstate(actor, GOVERNMENT, estate)) return 'community';
  throw forbidden();
}

/** WO, the day in Shanghai, and the next serial: unique, and short enough to read out on the phone. */
async function nextTicketNumber(db: Executor, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('ticket_numbers')::text AS n`.execute(db);
  return `WO${shanghaiDate(at.getTime()).replaceAll('-', '')}-${(rows[0]?.n ?? '').padStart(6, '0')}`;
}

export async function createTicket(
  db: Executor,
  ctx: RequestContext,
  input: TicketInput,
  opts: { idempotencyKey?: string; hotline?: boolean } = {},
) {
  if ((input.photoIds?.length ?? 0) > PHOTOS_PER_TICKET)
    throw new DomainError('workorders.too_many_photos', 400, { max: PHOTOS_PER_TICKET });
  const config = await currentConfig(db);
  const create = (ex: Executor) =>
    once(ex, `${ctx.actor.accountId}:workorders.create`, opts.idempotencyKey, input, async () => ({
      status: 201,
      body: await insertTicket(ex, ctx, input, !!opts.hotline, config),
    }));
  // The writes are one statement; only a retry key or photos (checked after it) need a transaction around them.
  return opts.idempotencyKey || input.photoIds?.length ? db.transaction().execute(create) : create(db);
}

async function insertTicket(
  trx: Executor,
  ctx: RequestContext,
  input: TicketInput,
  hotline: boolean,
  { settings, calendar: cal, leaves }: WorkorderConfig,
) {
  const now = clock.now();
  // Outside a transaction the two reads go out together on two connections.
  const [{ estate, ownsUnit, place, person }, number] = await Promise.all([
    reportingContext(trx, {
      estateId: input.estateId,
      personId: ctx.actor.kind === 'resident' ? ctx.actor.personId : null,
      unitId: input.placeKind === 'unit' ? input.unitId : null,
      buildingId: input.placeKind === 'building' ? input.buildingId : null,
    }),
    nextTicketNumber(trx, now),
  ]);
  const channel = channelOf(
    ctx.actor,
    { id: estate.id, region_path: estate.regionPath, company_id: estate.companyId },
    ownsUnit,
    hotline,
  );
  const leaf = leaves.get(input.categoryId);
  if (!leaf?.active) throw new DomainError('workorders.category_not_leaf', 400);
  if (input.placeKind === 'unit' && !input.unitId) throw new DomainError('workorders.place_required', 400);
  if (input.placeKind === 'building' && !input.buildingId && !input.unitId)
    throw new DomainError('workorders.place_required', 400);
  // Residents are who they signed in as; everyone else types in the caller.
  const me = channel === 'resident' ? person : null;
  if (channel !== 'resident' && !input.callerPhone && !input.callerName && channel !== 'api')
    throw new DomainError('workorders.caller_required', 400);
  const priority =
    channel === 'resident' ? (leaf.priority as Priority) : (input.priority ?? (leaf.priority as Priority));
  const clocks = clocksOf(leaf, priority, settings);
  const start = now.getTime();
  const response = deadline(
    start,
    clocks.map((c) => c.response),
    cal,
    [],
    settings,
  );
  const resolution = deadline(
    start,
    clocks.map((c) => c.resolution),
    cal,
    [],
    settings,
  );
  const handlerKind: TicketRow['handler_kind'] =
    leaf.handler === 'street' ? 'street' : estate.companyId ? 'company' : 'community';
  const id = newId();
  const row: TicketRow = {
    id,
    number,
    estate_id: estate.id,
    region_path: estate.regionPath,
    street_id: estate.streetId,
    community_id: estate.communityId,
    company_id: estate.companyId,
    category_id: leaf.id,
    kind: leaf.kind as string,
    priority,
    state: 'submitted',
    description: input.description,
    place_kind: input.placeKind,
    unit_id: input.placeKind === 'unit' ? (input.unitId ?? null) : null,
    building_id: input.placeKind === 'common' ? null : place.buildingId,
    place_text: input.placeText ?? place.label,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    channel,
    reporter_account_id:
      channel === 'resident' || channel === 'api' || channel === 'hotline' ? ctx.actor.accountId : null,
    reporter_person_id: channel === 'resident' ? ctx.actor.personId : null,
    reporter_name: me?.name ?? input.callerName ?? null,
    reporter_phone: me?.phone ?? input.callerPhone ?? null,
    anonymous: input.anonymous ?? false,
    external_id: input.externalId ?? null,
    handler_kind: handlerKind,
    responsible_kind: 'none',
    responsible_id: null,
    team_id: null,
    assignee_account_id: null,
    department_id: null,
    duplicate_of: null,
    submitted_at: now,
    response_due: response.due,
    resolution_due: resolution.due,
    paused_since: null,
    pauses: [],
    remind_at: resolution.remindAt,
    breached: false,
    accepted_at: null,
    dispatched_at: null,
    responded_at: null,
    resolved_at: null,
    resolved_late: null,
    verified_at: null,
    closed_at: null,
    feedback_solved: null,
    satisfaction: null,
    feedback_comment: null,
    rework_count: 0,
    reopen_count: 0,
    closed_count: 0,
    decline_count: 0,
    reroute_count: 0,
    whistle_count: 0,
    reported_in_time: 0,
    version: 1,
    updated_at: now,
  };
  Object.assign(row, responsibleNow(row));
  const submitted = eventInsert(trx, ctx, row, {
    action: 'submit',
    from: null,
    to: 'submitted',
    party: channel === 'resident' ? 'reporter' : channel === 'staff' ? 'company' : 'community',
    at: now,
    note: input.description,
    photoIds: input.photoIds,
  });
  // The ticket, its first timeline entry, its rollup delta and its audit entry: one statement.
  await writeTogether(trx, [
    trx.insertInto('tickets').values({ ...row, pauses: '[]' }),
    submitted.insert,
    trx.insertInto('ticket_rollup_deltas').values(rollupDeltas(null, row)),
    auditInsert(trx, ctx, {
      action: 'create',
      entityType: 'ticket',
      entityId: id,
      estateId: estate.id,
      after: { ...row, reporter_phone: undefined },
    }),
  ]);
  if (input.photoIds?.length) await attachPhotos(trx, ctx, id, submitted.id, input.photoIds);
  return { id, number: row.number, state: row.state };
}
