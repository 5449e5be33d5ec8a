import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { respondList } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { Page } from '../../kernel/pagination.ts';
import * as catalog from './catalog.ts';
import { metricsColumns } from './exports.ts';
import { workorderPolicy as P } from './policy.ts';
import * as S from './schemas.ts';
import { workorderMetrics } from './stats.ts';

/** Classification, calendar, settings, dispatch teams and metrics. */
export const configRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['workorders'];

  app.get(
    '/api/v1/workorders/categories',
    { config: { policy: P.readCatalog }, schema: { tags, response: { 200: Type.Array(S.Category) } } },
    async () => catalog.listCategories(db),
  );
  app.post(
    '/api/v1/workorders/categories',
    {
      config: { policy: P.editCatalog },
      schema: { tags, body: S.CategoryCreate, response: { 201: Type.Object({ id: S.Id }) } },
    },
    async (req, reply) => reply.status(201).send(await catalog.createCategory(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/workorders/categories/:id',
    {
      config: { policy: P.editCatalog },
      schema: {
        tags,
        params: S.IdParams,
        body: S.CategoryPatch,
        response: { 200: Type.Object({ id: S.Id, version: Type.Integer() }) },
      },
    },
    async (req) => catalog.patchCategory(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/workorders/calendar',
    {
      config: { policy: P.readCatalog },
      schema: {
        tags,
        summary: 'Holidays and swapped working days (调休) of a year; other weekdays work, weekends rest',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        response: { 200: Type.Array(S.CalendarDay) },
      },
    },
    async (req) => catalog.listCalendar(db, req.query.year),
  );
  app.put(
    '/api/v1/workorders/calendar/:date',
    {
      config: { policy: P.editCatalog },
      schema: {
        tags,
        params: S.DateParams,
        body: S.CalendarPut,
        response: { 200: Type.Object({ date: Type.String(), kind: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (req) => catalog.setCalendarDay(db, ctxOf(req), req.params.date, req.body.kind, req.body.note),
  );

  app.get(
    '/api/v1/workorders/settings',
    { config: { policy: P.readCatalog }, schema: { tags, response: { 200: S.Settings } } },
    async () => catalog.getSettings(db),
  );
  app.patch(
    '/api/v1/workorders/settings',
    { config: { policy: P.editCatalog }, schema: { tags, body: S.SettingsPatch, response: { 200: S.Settings } } },
    async (req) => catalog.patchSettings(db, ctxOf(req), req.body),
  );

  app.get(
    '/api/v1/workorders/teams',
    { config: { policy: P.teams }, schema: { tags, response: { 200: Type.Array(S.Team) } } },
    async (req) => catalog.listTeams(db, ctxOf(req)),
  );
  app.post(
    '/api/v1/workorders/teams',
    {
      config: { policy: P.editTeams },
      schema: { tags, body: S.TeamCreate, response: { 201: Type.Object({ id: S.Id }) } },
    },
    async (req, reply) => reply.status(201).send(await catalog.createTeam(db, ctxOf(req), req.body)),
  );

  app.get(
    '/api/v1/workorders/metrics',
    {
      config: { policy: P.metrics },
      schema: {
        tags,
        summary:
          '响应率, 解决率, 满意率, 按时办结率, 重办率, 派单准确率, 部门报到及时率 by group, for months of submission',
        querystring: S.MetricsQuery,
        response: { 200: Page(S.MetricsRow) },
      },
    },
    async (req, reply) =>
      respondList(req, reply, 'workorder-metrics', metricsColumns, async (f) => ({
        items: await workorderMetrics(db, ctxOf(req).actor, f),
        nextCursor: null,
      })),
  );
};
