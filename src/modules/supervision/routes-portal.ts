import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportQuery } from '../../kernel/export.ts';
import { districts } from '../registry/index.ts';
import { exportRanking } from './exports.ts';
import { companyProfile, estateRectification, findCompanies, findEstates } from './portal.ts';
import { lists, publishedPeriods, ranking } from './rankings.ts';
import { today } from './records.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Period = Type.Object({ period: Type.String({ pattern: '^[0-9]{4}Q[1-4]$', description: 'a quarter: 2026Q3' }) });
const Search = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

/** 公开门户, no login: published rankings (city or district), the lists, companies' profiles, estates' progress. */
export const portalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['credit'];
  const pub = { config: { policy: 'public' as const } };

  app.get('/api/v1/public/credit/periods', { ...pub, schema: { tags, summary: 'The published quarters' } }, async () =>
    publishedPeriods(db),
  );
  app.get(
    '/api/v1/public/credit/districts',
    { ...pub, schema: { tags, summary: 'The districts a ranking can be read for' } },
    async () => districts(db),
  );
  app.get(
    '/api/v1/public/credit/rankings/:period',
    {
      ...pub,
      schema: {
        tags,
        summary: 'A published quarter’s ranking: city-wide, or among the companies serving a district',
        params: Period,
        querystring: Type.Object({ district: Type.Optional(Id), ...ExportQuery }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const r = await ranking(db, req.params.period, req.query.district);
      const format = req.query.format;
      return !format || format === 'json' ? r : exportRanking(reply, format, r, req.lang);
    },
  );
  app.get(
    '/api/v1/public/credit/lists',
    {
      ...pub,
      schema: {
        tags,
        summary: 'The red and black lists in force on a day (today by default)',
        querystring: Type.Object(
          { on: Type.Optional(Type.String({ format: 'date' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => lists(db, req.query.on ?? today()),
  );
  app.get(
    '/api/v1/public/companies',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Search companies by name or USCC: latest grade and rank, sanctions in force',
        querystring: Search,
      },
    },
    async (req) => findCompanies(db, req.query.q),
  );
  app.get(
    '/api/v1/public/companies/:id',
    { ...pub, schema: { tags, summary: 'A company’s public credit profile', params: IdParams } },
    async (req) => companyProfile(db, req.params.id),
  );
  app.get(
    '/api/v1/public/estates',
    {
      ...pub,
      schema: { tags, summary: 'Search estates by name or address: company and star rating', querystring: Search },
    },
    async (req) => findEstates(db, req.query.q),
  );
  app.get(
    '/api/v1/public/estates/:id/rectification',
    { ...pub, schema: { tags, summary: 'An estate’s rectification progress and star rating', params: IdParams } },
    async (req) => estateRectification(db, req.params.id),
  );
};
