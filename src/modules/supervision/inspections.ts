import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { accountsWithRoles } from '../../kernel/auth/accounts.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { BlobStore } from '../../kernel/storage.ts';
import { coversEstate, estatesInView, namesOf } from '../registry/index.ts';
import type { TemplateItem } from './inspection-tables.ts';
import { addDays, recordAutomatic, today } from './records.ts';

/**
 * 检查与整改: the authorities (and street offices) plan inspections of named or randomly drawn estates against a
 * checklist; the inspector fills it in on the phone with photos and location; every failed item becomes a
 * rectification notice (整改通知书) with its legal basis and deadline; the company answers; re-inspection passes it
 * or sends it back.
 */

export const INSPECTORS: Role[] = ['city_regulator', 'district_regulator', 'street_office'];
export const RECTIFIERS: Role[] = ['company_admin', 'project_manager', 'company_staff'];
export const PHOTO_MAX_BYTES = 10 * 1048576;

/** A supervision row's estate, as coversEstate reads it. */
export const estateRef = (x: { estate_id: string; region_path: string; company_id: string | null }) => ({
  id: x.estate_id,
  region_path: x.region_path,
  company_id: x.company_id,
});

export async function listTemplates(db: Executor) {
  const rows = await db
    .selectFrom('inspection_templates')
    .selectAll()
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((t) => ({ id: t.id, name: t.name, kind: t.kind, items: t.items }));
}

export async function createTemplate(
  db: Executor,
  ctx: RequestContext,
  input: { name: string; kind: 'environment' | 'elevator' | 'fire' | 'custom'; items: TemplateItem[] },
) {
  if (new Set(input.items.map((i) => i.code)).size !== input.items.length)
    throw new DomainError('inspection.item_codes', 400);
  const id = newId();
  await db
    .insertInto('inspection_templates')
    .values({ id, name: input.name, kind: input.kind, items: JSON.stringify(input.items) })
    .execute();
  await audit(db, ctx, {
    action: 'inspection.template',
    entityType: 'inspection_template',
    entityId: id,
    after: input,
  });
  return { id, ...input };
}

/**
 * A plan: the estates named, or `draw` of them drawn at random from those in the caller's region (双随机), each
 * assigned to one of the inspectors in turn.
 */
export async function createPlan(
  db: Db,
  ctx: RequestContext,
  input: {
    name: string;
    templateId: string;
    dueOn: string;
    estateIds?: string[];
    draw?: number;
    inspectorIds: string[];
  },
) {
  const template = await db
    .selectFrom('inspection_templates')
    .select('id')
    .where('id', '=', input.templateId)
    .executeTakeFirst();
  if (!template) throw notFound('inspection.template_not_found');
  const inView = (await estatesInView(db, ctx.actor)).filter((e) =>
    coversEstate(ctx.actor, INSPECTORS, { id: e.id, region_path: e.regionPath, company_id: e.companyId }),
  );
  // Each inspector must be able to fill the inspection in: an inspecting role over every estate they are given.
  const inspectors = await accountsWithRoles(db, INSPECTORS);
  const canInspect = (accountId: string, e: (typeof inView)[number]) =>
    inspectors.some((a) => a.id === accountId && !!a.scopePath && e.regionPath.startsWith(a.scopePath));
  let estates: typeof inView;
  if (input.estateIds?.length) {
    const byId = new Map(inView.map((e) => [e.id, e]));
    estates = input.estateIds.map((id) => {
      const e = byId.get(id);
      if (!e) throw forbidden();
      return e;
    });
  } else if (input.draw) {
    if (input.draw > inView.length) throw new DomainError('inspection.draw_too_many', 400, { count: inView.length });
    const pool = [...inView];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    estates = pool.slice(0, input.draw);
  } else throw new DomainError('inspection.estates_required', 400);
  const unable = estates.find((e, i) => !canInspect(input.inspectorIds[i % input.inspectorIds.length], e));
  if (unable) throw new DomainError('inspection.inspector_not_covering', 400, { estate: unable.name });
  const plan = {
    id: newId(),
    name: input.name,
    template_id: input.templateId,
    due_on: input.dueOn,
    drawn: !input.estateIds?.length,
    created_by: ctx.actor.accountId,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('inspection_plans').values(plan).execute();
    await trx
      .insertInto('inspections')
      .values(
        estates.map((e, i) => ({
          id: newId(),
          plan_id: plan.id,
          template_id: input.templateId,
          estate_id: e.id,
          region_path: e.regionPath,
          company_id: e.companyId,
          inspector: input.inspectorIds[i % input.inspectorIds.length],
          lat: null,
          lng: null,
          score: null,
          max_score: null,
          submitted_at: null,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      action: 'inspection.plan',
      entityType: 'inspection_plan',
      entityId: plan.id,
      after: { ...plan, estates: estates.map((e) => e.id) },
    });
  });
  return { id: plan.id, estates: estates.map((e) => ({ id: e.id, name: e.name })) };
}

/** The inspector's own assignments, still to do first. */
export async function myInspections(db: Executor, ctx: RequestContext) {
  const rows = await db
    .selectFrom('inspections')
    .innerJoin('inspection_templates', 'inspection_templates.id', 'inspections.template_id')
    .select([
      'inspections.id',
      'inspections.estate_id',
      'inspections.state',
      'inspections.version',
      'inspection_templates.name as template',
    ])
    .where('inspector', '=', ctx.actor.accountId as string)
    .orderBy('inspections.state')
    .orderBy('inspections.created_at', 'desc')
    .limit(200)
    .execute();
  const names = await namesOf(
    db,
    rows.map((r) => r.estate_id),
  );
  return rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    estate: names[r.estate_id] ?? '',
    state: r.state,
    version: r.version,
    template: r.template,
  }));
}

async function loadInspection(db: Executor, ctx: RequestContext, id: string) {
  const i = await db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!i || !coversEstate(ctx.actor, [...INSPECTORS, ...RECTIFIERS], estateRef(i)))
    throw notFound('inspection.not_found');
  return i;
}

export async function getInspection(db: Executor, ctx: RequestContext, id: string) {
  const i = await loadInspection(db, ctx, id);
  const [template, results, photos, names] = await Promise.all([
    db.selectFrom('inspection_templates').selectAll().where('id', '=', i.template_id).executeTakeFirstOrThrow(),
    db.selectFrom('inspection_results').selectAll().where('inspection_id', '=', id).execute(),
    db.selectFrom('inspection_photos').select(['id', 'item_code']).where('inspection_id', '=', id).execute(),
    namesOf(db, [i.estate_id]),
  ]);
  return {
    id: i.id,
    estateId: i.estate_id,
    estate: names[i.estate_id] ?? '',
    state: i.state,
    version: i.version,
    template: { id: template.id, name: template.name, items: template.items },
    score: i.score,
    maxScore: i.max_score,
    submittedAt: i.submitted_at?.toISOString() ?? null,
    lat: i.lat,
    lng: i.lng,
    results: results.map((r) => ({ itemCode: r.item_code, score: r.score, passed: r.passed, note: r.note })),
    photos: photos.map((p) => ({ id: p.id, itemCode: p.item_code })),
  };
}

export const sniffImage = (b: Buffer) =>
  b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
    ? 'image/jpeg'
    : b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      ? 'image/png'
      : undefined;
const photoKey = (p: { id: string; inspection_id: string }) => `inspections/${p.inspection_id}/${p.id}`;

/** A photo for one item, taken by the inspector while the inspection is theirs to fill in. */
export async function addPhoto(
  db: Executor,
  store: BlobStore,
  ctx: RequestContext,
  id: string,
  itemCode: string,
  data: Buffer,
) {
  const i = await loadInspection(db, ctx, id);
  if (i.inspector !== ctx.actor.accountId) throw forbidden();
  if (i.state !== 'assigned') throw new DomainError('inspection.submitted', 409);
  const mime = sniffImage(data);
  if (!mime) throw new DomainError('inspection.photo_type', 400);
  const row = {
    id: newId(),
    inspection_id: id,
    item_code: itemCode,
    mime,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    uploaded_by: ctx.actor.accountId,
  };
  await store.put(photoKey(row), data);
  await db.insertInto('inspection_photos').values(row).execute();
  return { id: row.id, itemCode };
}

export async function readPhoto(db: Executor, store: BlobStore, ctx: RequestContext, photoId: string) {
  const p = await db.selectFrom('inspection_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
  if (!p) throw notFound('inspection.photo_not_found');
  await loadInspection(db, ctx, p.inspection_id);
  return { mime: p.mime, data: await store.get(photoKey(p)) };
}

/**
 * The inspector submits every item's score, where they stand; items marked required need a photo. Each failed
 * item raises a rectification notice to the estate's company, numbered, with the item's legal basis and deadline.
 */
export async function submitInspection(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    lat: number;
    lng: number;
    results: { itemCode: string; score: number; passed: boolean; note?: string }[];
  },
) {
  const notices = await db.transaction().execute(async (trx) => {
    const i = await trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!i || !coversEstate(ctx.actor, INSPECTORS, estateRef(i))) throw notFound('inspection.not_found');
    if (i.inspector !== ctx.actor.accountId) throw forbidden();
    if (i.version !== input.version) throw versionConflict();
    if (i.state !== 'assigned') throw new DomainError('inspection.submitted', 409);
    const t = await trx
      .selectFrom('inspection_templates')
      .selectAll()
      .where('id', '=', i.template_id)
      .executeTakeFirstOrThrow();
    const given = new Map(input.results.map((r) => [r.itemCode, r]));
    const photos = new Set(
      (await trx.selectFrom('inspection_photos').select('item_code').where('inspection_id', '=', id).execute()).map(
        (p) => p.item_code,
      ),
    );
    for (const item of t.items) {
      const r = given.get(item.code);
      if (!r) throw new DomainError('inspection.item_missing', 400, { item: item.text });
      if (r.score > item.maxScore)
        throw new DomainError('inspection.score_too_high', 400, { item: item.text, max: item.maxScore });
      if (item.photoRequired && !photos.has(item.code))
        throw new DomainError('inspection.photo_required', 400, { item: item.text });
    }
    if (given.size !== t.items.length) throw new DomainError('inspection.item_unknown', 400);
    await trx
      .insertInto('inspection_results')
      .values(
        input.results.map((r) => ({
          inspection_id: id,
          item_code: r.itemCode,
          score: r.score,
          passed: r.passed,
          note: r.note ?? null,
        })),
      )
      .execute();
    const score = input.results.reduce((s, r) => s + r.score, 0);
    const maxScore = t.items.reduce((s, x) => s + x.maxScore, 0);
    await trx
      .updateTable('inspections')
      .set({
        state: 'submitted',
        lat: input.lat,
        lng: input.lng,
        score,
        max_score: maxScore,
        submitted_at: clock.now(),
        version: i.version + 1,
      })
      .where('id', '=', id)
      .execute();
    const failed = t.items.filter((item) => !given.get(item.code)?.passed);
    const rows = [];
    for (const item of failed) {
      const seq = await sql<{ n: string }>`SELECT nextval('rectification_no')::text AS n`.execute(trx);
      rows.push({
        id: newId(),
        notice_no: `整改〔${today().slice(0, 4)}〕${seq.rows[0].n.padStart(5, '0')}号`,
        inspection_id: id,
        estate_id: i.estate_id,
        region_path: i.region_path,
        company_id: i.company_id,
        item_code: item.code,
        finding: [item.text, given.get(item.code)?.note].filter(Boolean).join('：'),
        legal_basis: item.legalBasis,
        deadline: addDays(today(), item.days),
      });
    }
    if (rows.length) await trx.insertInto('rectifications').values(rows).execute();
    // The findings are a bad record against the company, one deduction per failed item, once someone approves it.
    if (rows.length && i.company_id)
      await recordAutomatic(
        trx,
        ctx,
        {
          companyId: i.company_id,
          item: 'inspection_finding',
          onDate: today(),
          times: rows.length,
          evidence: `${t.name}：${rows.map((r) => r.notice_no).join('、')}`,
        },
        { source: 'inspections', ref: `inspection:${id}` },
      );
    await audit(trx, ctx, {
      action: 'inspection.submit',
      entityType: 'inspection',
      entityId: id,
      estateId: i.estate_id,
      after: { score, maxScore, notices: rows.length },
    });
    return rows.map((r) => ({ id: r.id, noticeNo: r.notice_no, deadline: r.deadline }));
  });
  return { ...(await getInspection(db, ctx, id)), notices };
}
