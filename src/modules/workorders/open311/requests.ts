import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import { DomainError } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http.ts';
import { type Lang, t } from '../../../kernel/i18n.ts';
import { estateCodes, findEstate, namesOf } from '../../registry/index.ts';
import { createTicket } from '../intake.ts';
import { isOpen311Closed, STATES } from '../machine.ts';
import { iso8 } from './format.ts';
import { leafByCode, PLACES, type PlaceKey } from './services.ts';

/** Service requests: POST maps onto ticket intake, GET reads tickets as public Open311 records. */

export const OPEN311_LIMITS = { days: 90, rows: 1000, description: 4000 };

/** Form fields as strings; an empty parameter counts as absent (GeoReport v2). */
export type Fields = Record<string, string | undefined>;

function coordinate(v: string | undefined, name: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || Math.abs(n) > max) throw new DomainError('open311.invalid', 400, { field: name });
  return n;
}

/** Chinese names are written family name first and without a space. */
function callerName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  const han = /^[\p{Script=Han}·]+$/u;
  if ((!first || han.test(first)) && (!last || han.test(last))) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

export async function submitRequest(db: Db, ctx: RequestContext, f: Fields) {
  const leaf = await leafByCode(db, f.service_code, ctx.lang);
  const lat = coordinate(f.lat, 'lat', 90);
  const lng = coordinate(f.long, 'long', 180);
  if ((lat === undefined) !== (lng === undefined)) throw new DomainError('open311.invalid', 400, { field: 'lat/long' });
  let estate: Awaited<ReturnType<typeof findEstate>>;
  if (f.address_id) estate = await findEstate(db, { code: f.address_id });
  else if (lat !== undefined && lng !== undefined) estate = await findEstate(db, { lat, lng });
  if (!estate && !f.address_id && f.address_string) estate = await findEstate(db, { text: f.address_string });
  if (!estate) {
    const given = f.address_id || lat !== undefined || f.address_string;
    throw new DomainError(given ? 'open311.location_unknown' : 'open311.location_required', 400);
  }
  const description = f.description ?? leaf.name;
  if (description.length > OPEN311_LIMITS.description)
    throw new DomainError('open311.invalid', 400, { field: 'description' });
  const place = f['attribute[place]'];
  if (place !== undefined && !(place in PLACES)) throw new DomainError('open311.invalid', 400, { field: 'place' });
  if (f.media_url && !/^https?:\/\/\S+$/i.test(f.media_url))
    throw new DomainError('open311.invalid', 400, { field: 'media_url' });
  const hotlineId = f['attribute[hotline_id]'];
  if (hotlineId && hotlineId.length > 100) throw new DomainError('open311.invalid', 400, { field: 'hotline_id' });

  const notice = async (id: string, number: string) => {
    const row = await db.selectFrom('tickets').select('resolution_due').where('id', '=', id).executeTakeFirst();
    const due = iso8(row?.resolution_due);
    return {
      service_request_id: number,
      service_notice: due ? t('open311.notice', ctx.lang, { due }) : null,
      account_id: f.account_id ?? null,
    };
  };
  // The hotline's order number is unique per channel: a re-sent order answers with the first ticket.
  if (hotlineId) {
    const first = await db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('channel', '=', 'hotline')
      .where('external_id', '=', hotlineId)
      .executeTakeFirst();
    if (first) return notice(first.id, first.number);
  }
  const placeText = [place ? PLACES[place as PlaceKey]['zh-CN'] : undefined, f.address_string]
    .filter(Boolean)
    .join('：');
  // Photos are never downloaded at run time: the link is kept in the text for the handler to open.
  const text = f.media_url ? `${description}\n${t('open311.media_note', 'zh-CN', { url: f.media_url })}` : description;
  const res = await createTicket(
    db,
    ctx,
    {
      estateId: estate.id,
      categoryId: leaf.id,
      description: text,
      placeKind: 'common',
      placeText: placeText || undefined,
      lat,
      lng,
      callerName: callerName(f.first_name, f.last_name),
      callerPhone: f.phone,
      externalId: hotlineId,
    },
    { hotline: true },
  );
  return notice(res.body.id, res.body.number);
}

export interface RequestFilter {
  ids?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOSED = STATES.filter(isOpen311Closed);
const OPEN = STATES.filter((s) => !isOpen311Closed(s));

/** Public records only: never the reporter's name or phone, and no unit number (it points at a household). */
export async function findRequests(db: Db, lang: Lang, f: RequestFilter) {
  let q = db
    .selectFrom('tickets')
    .innerJoin('workorder_categories as c', 'c.id', 'tickets.category_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.state',
      'tickets.description',
      'tickets.estate_id',
      'tickets.place_kind',
      'tickets.place_text',
      'tickets.lat',
      'tickets.lng',
      'tickets.submitted_at',
      'tickets.updated_at',
      'tickets.resolution_due',
      'tickets.handler_kind',
      'tickets.company_id',
      'tickets.street_id',
      'tickets.community_id',
      'tickets.department_id',
      'c.code',
      'c.name',
      'c.name_en',
    ]);
  const wanted = f.ids;
  if (wanted) {
    const uuids = wanted.filter((x) => UUID.test(x));
    q = q.where((eb) =>
      eb.or([eb('tickets.number', 'in', [...wanted, '']), ...(uuids.length ? [eb('tickets.id', 'in', uuids)] : [])]),
    );
  } else {
    const end = f.end;
    const start = f.start ?? new Date((end ?? new Date()).getTime() - OPEN311_LIMITS.days * 86_400_000);
    q = q.where('tickets.submitted_at', '>=', start);
    if (end) q = q.where('tickets.submitted_at', '<=', end);
    if (f.serviceCode) q = q.where('c.code', '=', f.serviceCode);
    if (f.status?.length === 1) q = q.where('tickets.state', 'in', f.status[0] === 'open' ? OPEN : CLOSED);
  }
  const rows = await q
    .orderBy('tickets.submitted_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(OPEN311_LIMITS.rows)
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [names, codes, notes] = await Promise.all([
    namesOf(
      db,
      rows.flatMap((r) => [r.estate_id, r.company_id, r.street_id, r.community_id, r.department_id]),
    ),
    estateCodes(
      db,
      rows.map((r) => r.estate_id),
    ),
    // The latest public note after intake (the intake note is the description itself).
    db
      .selectFrom('ticket_events')
      .select(['ticket_id', sql<string>`coalesce(reason, note)`.as('text')])
      .distinctOn('ticket_id')
      .where('ticket_id', 'in', ids)
      .where('internal', '=', false)
      .where('action', '<>', 'submit')
      .where(sql<boolean>`coalesce(reason, note) IS NOT NULL`)
      .orderBy('ticket_id')
      .orderBy('at', 'desc')
      .execute(),
  ]);
  const noteOf = new Map(notes.map((n) => [n.ticket_id, n.text]));
  return rows.map((r) => {
    const agency = r.department_id
      ? r.department_id
      : r.handler_kind === 'company'
        ? r.company_id
        : r.handler_kind === 'street'
          ? r.street_id
          : r.community_id;
    const estateName = names[r.estate_id] ?? null;
    return {
      service_request_id: r.number,
      status: isOpen311Closed(r.state) ? 'closed' : 'open',
      status_notes: noteOf.get(r.id) ?? null,
      service_name: lang === 'en' && r.name_en ? r.name_en : r.name,
      service_code: r.code,
      description: r.description,
      agency_responsible: (agency && names[agency]) ?? null,
      service_notice: null,
      requested_datetime: iso8(r.submitted_at),
      updated_datetime: iso8(r.updated_at),
      expected_datetime: iso8(r.resolution_due),
      address: r.place_kind === 'unit' || !r.place_text ? estateName : `${estateName ?? ''} ${r.place_text}`.trim(),
      address_id: codes[r.estate_id] ?? null,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: null,
    };
  });
}

/** GET tokens/{token}: requests are created synchronously, so a token is the request's own number. */
export async function requestOfToken(db: Db, token: string) {
  const row = await db.selectFrom('tickets').select('number').where('number', '=', token).executeTakeFirst();
  if (!row) throw new DomainError('open311.token_not_found', 404);
  return [{ service_request_id: row.number, token: row.number }];
}
