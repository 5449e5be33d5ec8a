import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorFromApiToken } from '../../../kernel/auth/sessions.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { defineMessages, t } from '../../../kernel/i18n.ts';
import { rateLimit } from '../../../kernel/rate-limit.ts';
import { CONTENT_TYPE, type Format, type Open311Value, render, renderErrors } from './format.ts';
import { type Fields, findRequests, requestOfToken, submitRequest } from './requests.ts';
import { serviceDefinition, servicesOf } from './services.ts';

/**
 * Open311 GeoReport v2 for 12345 hotlines and other city systems: one city per endpoint, so `jurisdiction_id` is
 * accepted and ignored. Reads are public; POST authenticates by its `api_key` (an integration account's API token).
 */

/** Requests per client IP and minute; a module constant so tests can lower it. */
export const OPEN311_RATE = { read: 120, write: 30, windowSeconds: 60 };

export const OPEN311_CHANGESET = '2026-01-01T00:00:00+08:00';

defineMessages({
  'open311.format': { 'zh-CN': '格式须为 json 或 xml', en: 'The format must be json or xml' },
  'open311.api_key': { 'zh-CN': 'api_key 缺失或无效', en: 'The api_key is missing or invalid' },
  'open311.service_not_found': { 'zh-CN': '未知的服务代码：{code}', en: 'Unknown service_code: {code}' },
  'open311.request_not_found': { 'zh-CN': '未找到该服务请求', en: 'No such service request' },
  'open311.token_not_found': { 'zh-CN': '未找到该 token', en: 'No such token' },
  'open311.location_required': {
    'zh-CN': '请提供位置：address_id（小区编码）、lat 与 long，或 address_string',
    en: 'A location is required: address_id (estate code), lat and long, or address_string',
  },
  'open311.location_unknown': {
    'zh-CN': '所给位置不在本平台登记的任何小区内（坐标须在小区约 1 公里内）',
    en: 'The location does not match any estate registered here (coordinates must lie within about 1 km)',
  },
  'open311.invalid': { 'zh-CN': '参数 {field} 不合法', en: 'The parameter {field} is invalid' },
  'open311.notice': { 'zh-CN': '已受理，承诺办结时间 {due}', en: 'Received; to be resolved by {due}' },
  'open311.media_note': { 'zh-CN': '附件链接（平台未下载）：{url}', en: 'Attachment link (not downloaded): {url}' },
});

const FORMATS = new Set(['json', 'xml']);

/** The format a request asked for, from its URL suffix; errors in unknown formats are JSON. */
function formatOf(req: FastifyRequest): Format {
  return /\.xml$/i.test(req.url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** `BUILDING.ELEVATOR.TRAPPED.xml` → code and format: codes contain dots, so the last one separates. */
function splitFile(file: string): { id: string; format: Format } {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1).toLowerCase();
  if (dot <= 0 || !FORMATS.has(format)) throw new DomainError('open311.format', 400);
  return { id: decodeURIComponent(file.slice(0, dot)), format: format as Format };
}

function checkFormat(format: string): Format {
  if (!FORMATS.has(format.toLowerCase())) throw new DomainError('open311.format', 400);
  return format.toLowerCase() as Format;
}

/** Query and form values as strings, empty ones dropped. */
function fieldsOf(input: unknown): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    const s = (Array.isArray(v) ? v[0] : v) as unknown;
    if (s !== undefined && s !== null && String(s).trim() !== '') out[k] = String(s).trim();
  }
  return out;
}

function dateOf(v: string | undefined, field: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new DomainError('open311.invalid', 400, { field });
  return d;
}

const send = (reply: FastifyReply, format: Format, root: string, value: Open311Value) =>
  reply.type(CONTENT_TYPE[format]).send(render(format, root, value));

const Query = Type.Record(Type.String(), Type.Unknown());
const FormatParams = Type.Object({ format: Type.String() });
const FileParams = Type.Object({ file: Type.String() });

const open311: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['open311'];
  const config = { policy: 'public' as const };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.addHook('onRequest', async (req) => {
    const write = req.method === 'POST';
    await rateLimit(
      db,
      `open311:${write ? 'write' : 'read'}:${req.ip}`,
      write ? OPEN311_RATE.write : OPEN311_RATE.read,
      OPEN311_RATE.windowSeconds,
    );
  });

  // GeoReport errors are [{code, description}] in the request's format, with the spec's few status codes.
  app.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    const lang = req.lang;
    let status: number;
    let description: string;
    if (err instanceof DomainError) {
      status = err.status;
      description = t(err.code, lang, err.params);
      if (status === 429) reply.header('retry-after', String(err.params.seconds ?? OPEN311_RATE.windowSeconds));
    } else if ((err as FastifyError).validation) {
      status = 400;
      description = `${t('validation', lang)}: ${err.message}`;
    } else if ((err as FastifyError).statusCode && ((err as FastifyError).statusCode as number) < 500) {
      status = (err as FastifyError).statusCode as number;
      description = err.message;
    } else if ((err as { code?: string }).code === '23505') {
      status = 400;
      description = t('conflict', lang, { detail: '' });
    } else {
      req.log.error({ err }, 'unhandled error');
      status = 500;
      description = t('internal', lang);
    }
    if (status === 401) status = 403;
    if (status < 500 && ![403, 404, 429].includes(status)) status = 400;
    const format = formatOf(req);
    return reply
      .status(status)
      .type(CONTENT_TYPE[format])
      .send(renderErrors(format, status, description));
  });
  app.setNotFoundHandler((req, reply) => {
    const format = formatOf(req);
    const text = t('route_not_found', req.lang, { method: req.method, url: req.url.split('?')[0] });
    return reply
      .status(404)
      .type(CONTENT_TYPE[format])
      .send(renderErrors(format, 404, text));
  });

  app.get(
    '/discovery.:format',
    { config, schema: { tags, summary: 'Open311 discovery', params: FormatParams, querystring: Query } },
    async (req, reply) => {
      const changeset = OPEN311_CHANGESET;
      return send(reply, checkFormat(req.params.format), 'discovery', {
        changeset,
        contact: req.lang === 'en' ? 'City housing bureau, hotline 12345' : '市住房和城乡建设局，服务热线 12345',
        key_service: req.lang === 'en' ? 'API keys are issued by the city housing bureau' : 'api_key 由市住建局发放',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${req.protocol}://${req.host}/open311/v2`,
            changeset,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    },
  );

  app.get(
    '/v2/services.:format',
    { config, schema: { tags, summary: 'Open311 service list', params: FormatParams, querystring: Query } },
    async (req, reply) => {
      const { services } = await servicesOf(db, req.lang);
      return send(reply, checkFormat(req.params.format), 'services', services as unknown as Open311Value);
    },
  );

  app.get(
    '/v2/services/:file',
    { config, schema: { tags, summary: 'Open311 service definition', params: FileParams, querystring: Query } },
    async (req, reply) => {
      const { id, format } = splitFile(req.params.file);
      return send(reply, format, 'service_definition', await serviceDefinition(db, id, req.lang));
    },
  );

  app.post(
    '/v2/requests.:format',
    { config, schema: { tags, summary: 'Open311: submit a service request', params: FormatParams } },
    async (req, reply) => {
      const format = checkFormat(req.params.format);
      const f = fieldsOf(req.body);
      const actor = f.api_key ? await actorFromApiToken(db, f.api_key) : null;
      // Only integration accounts (a hotline's system) post through Open311.
      if (actor?.kind !== 'integration') throw new DomainError('open311.api_key', 403);
      const ctx = { actor, lang: req.lang, requestId: String(req.id) };
      return send(reply, format, 'service_requests', [await submitRequest(db, ctx, f)]);
    },
  );

  app.get(
    '/v2/requests.:format',
    { config, schema: { tags, summary: 'Open311: find service requests', params: FormatParams, querystring: Query } },
    async (req, reply) => {
      const format = checkFormat(req.params.format);
      const q = fieldsOf(req.query);
      const status = q.status?.split(',').map((s) => s.trim().toLowerCase());
      if (status?.some((s) => s !== 'open' && s !== 'closed'))
        throw new DomainError('open311.invalid', 400, { field: 'status' });
      const rows = await findRequests(db, req.lang, {
        ids: q.service_request_id
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        serviceCode: q.service_code,
        start: dateOf(q.start_date, 'start_date'),
        end: dateOf(q.end_date, 'end_date'),
        status: status as ('open' | 'closed')[] | undefined,
      });
      return send(reply, format, 'service_requests', rows);
    },
  );

  app.get(
    '/v2/requests/:file',
    { config, schema: { tags, summary: 'Open311: one service request', params: FileParams, querystring: Query } },
    async (req, reply) => {
      const { id, format } = splitFile(req.params.file);
      const rows = await findRequests(db, req.lang, { ids: [id] });
      if (!rows.length) throw new DomainError('open311.request_not_found', 404);
      return send(reply, format, 'service_requests', rows.slice(0, 1));
    },
  );

  app.get(
    '/v2/tokens/:file',
    {
      config,
      schema: { tags, summary: 'Open311: service request of a token', params: FileParams, querystring: Query },
    },
    async (req, reply) => {
      const { id, format } = splitFile(req.params.file);
      return send(reply, format, 'service_requests', await requestOfToken(db, id));
    },
  );
};

/** Mounted under /open311 so its not-found answers are GeoReport errors too. */
export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(open311, { prefix: '/open311' });
};
