import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportQuery, sendExport } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { t } from '../../kernel/i18n.ts';
import { PageQuery } from '../../kernel/pagination.ts';
import {
  COURT_DESK,
  closeDispute,
  escalate,
  getDispute,
  MEDIATION_READERS,
  MEDIATORS,
  openDispute,
  recordCourtOutcome,
  recordFiling,
  recordSession,
  referToCourt,
} from './mediation.ts';
import { disputeLedger, mediationFigures } from './mediation-ledger.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Day = Type.String({ format: 'date' });
const KINDS = ['fees', 'service', 'public_revenue', 'neighbours', 'committee_handover', 'other'] as const;
const body = <T extends Record<string, ReturnType<typeof Text> | ReturnType<typeof Type.Optional>>>(fields: T) =>
  Type.Object({ version: Type.Integer({ minimum: 1 }), ...fields }, { additionalProperties: false });

/** 矛盾纠纷调处: three levels of mediation, the court docking, the ledger and its figures. */
export const mediationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['mediation'];
  const base = '/api/v1/mediation/disputes';

  app.post(
    base,
    {
      config: { policy: MEDIATORS },
      schema: {
        tags,
        summary: 'Bring a dispute at your level: community, street office, or the district’s committee',
        body: Type.Object(
          { estateId: Id, kind: lit(KINDS), applicant: Text(200), respondent: Text(200), claims: Text(5000) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await openDispute(db, ctxOf(req), req.body)),
  );
  app.get(
    base,
    {
      config: { policy: MEDIATION_READERS },
      schema: {
        tags,
        summary: '矛盾纠纷调处台账 of your region',
        querystring: Type.Object(
          {
            level: Type.Optional(lit(['community', 'street', 'district'] as const)),
            state: Type.Optional(
              Type.Array(
                lit([
                  'open',
                  'mediated',
                  'withdrawn',
                  'failed',
                  'referred',
                  'filed',
                  'court_mediated',
                  'judged',
                  'court_withdrawn',
                ] as const),
                { maxItems: 9 },
              ),
            ),
            kind: Type.Optional(lit(KINDS)),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            ...PageQuery,
            ...ExportQuery,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      if (!format || format === 'json') return disputeLedger(db, ctxOf(req), filter);
      const { items: rows } = await disputeLedger(db, ctxOf(req), filter, true);
      const label = (code: string) => t(code, req.lang);
      type Row = (typeof rows)[number];
      const col = (key: string, zh: string, en: string, value: (r: Row) => string | null) => ({
        key,
        header: { 'zh-CN': zh, en },
        value,
      });
      return sendExport(
        reply,
        format,
        req.lang === 'en' ? 'mediation-ledger' : '矛盾纠纷调处台账',
        [
          col('createdAt', '登记日期', 'Brought on', (r) => r.createdAt.slice(0, 10)),
          col('estate', '小区', 'Estate', (r) => r.estate),
          col('kind', '类型', 'Type', (r) => label(`mediation.kind.${r.kind}`)),
          col('applicant', '申请人', 'Applicant', (r) => r.applicant),
          col('respondent', '被申请人', 'Respondent', (r) => r.respondent),
          col('claims', '诉求', 'Claims', (r) => r.claims),
          col('level', '调解层级', 'Level', (r) => label(`mediation.level.${r.level}`)),
          col('state', '状态', 'State', (r) => label(`mediation.state.${r.state}`)),
          col('agreement', '调解协议', 'Agreement', (r) => r.agreement),
          col('court', '法院', 'Court', (r) => r.court),
          col('caseNo', '案号', 'Case number', (r) => r.caseNo),
          col('closedOn', '结案日期', 'Closed on', (r) => r.closedOn),
        ],
        rows,
        req.lang,
      );
    },
  );
  app.get(
    '/api/v1/mediation/figures',
    {
      config: { policy: MEDIATION_READERS },
      schema: {
        tags,
        summary: 'The figures of the disputes brought in a period (from/to, both included), or of all',
        querystring: Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false }),
      },
    },
    async (req) => mediationFigures(db, ctxOf(req), req.query),
  );
  app.get(`${base}/:id`, { config: { policy: MEDIATION_READERS }, schema: { tags, params: IdParams } }, async (req) =>
    getDispute(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/:id/sessions`,
    {
      config: { policy: MEDIATORS },
      schema: { tags, params: IdParams, body: body({ onDate: Day, note: Text(5000) }) },
    },
    async (req) => recordSession(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/escalate`,
    { config: { policy: MEDIATORS }, schema: { tags, params: IdParams, body: body({ reason: Text(2000) }) } },
    async (req) => escalate(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/close`,
    {
      config: { policy: MEDIATORS },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            outcome: lit(['mediated', 'withdrawn', 'failed'] as const),
            agreement: Type.Optional(Text(10_000)),
            note: Type.Optional(Text(2000)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => closeDispute(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/mediation/court-referrals',
    {
      config: { policy: COURT_DESK },
      schema: {
        tags,
        summary: '诉调对接: refer disputes to a court in one batch',
        body: Type.Object(
          { disputeIds: Type.Array(Id, { minItems: 1, maxItems: 500 }), court: Text(200) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await referToCourt(db, ctxOf(req), req.body)),
  );
  app.post(
    `${base}/:id/filing`,
    {
      config: { policy: COURT_DESK },
      schema: {
        tags,
        summary: '立案: the court’s case number, and the day it filed (today by default)',
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), caseNo: Text(100), onDate: Type.Optional(Day) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => recordFiling(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/court-outcome`,
    {
      config: { policy: COURT_DESK },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            outcome: lit(['court_mediated', 'judged', 'court_withdrawn'] as const),
            note: Type.Optional(Text(2000)),
            onDate: Type.Optional(Day),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => recordCourtOutcome(db, ctxOf(req), req.params.id, req.body),
  );
};
