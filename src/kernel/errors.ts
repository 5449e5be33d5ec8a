import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, t } from './i18n.ts';

/** A failure the caller can act on: a stable code, an HTTP status and message parameters. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status = 400,
    readonly params: Record<string, unknown> = {},
    readonly fields?: { field: string; code: string; params?: Record<string, unknown> }[],
  ) {
    super(code);
  }
}

export const notFound = (what = 'not_found') => new DomainError(what, 404);
export const forbidden = () => new DomainError('forbidden', 403);
export const versionConflict = () => new DomainError('version_conflict', 409);

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: Problem['errors'],
) {
  const body: Problem = {
    type: `https://anju.example/problems/${code}`,
    title: code,
    status,
    code,
    detail,
    instance: req.url,
    requestId: String(req.id),
    ...(errors ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function fieldOf(e: AjvError): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (e.params.missingProperty ?? e.params.additionalProperty) as string | undefined;
  return [base, extra].filter(Boolean).join('.') || '(body)';
}

function reasonOf(e: AjvError, lang: Lang): string {
  switch (e.keyword) {
    case 'required':
      return t('validation.required', lang);
    case 'additionalProperties':
      return t('validation.unknown_field', lang);
    case 'type':
      return t('validation.type', lang, { type: e.params.type });
    case 'format':
    case 'pattern':
      return t('validation.format', lang);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return t('validation.range', lang);
    case 'enum':
    case 'const':
    case 'anyOf':
      return t('validation.enum', lang);
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return t('validation.length', lang);
    default:
      return t('validation.invalid', lang);
  }
}

/** One handler turns every error into application/problem+json in the caller's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    const lang = req.lang;
    if (err instanceof DomainError) {
      const errors = err.fields?.map((f) => ({
        field: f.field,
        message: t('validation.field', lang, { field: f.field, reason: t(f.code, lang, f.params) }),
      }));
      return send(reply, req, err.status, err.code, t(err.code, lang, err.params), errors);
    }
    const fe = err as FastifyError & { validation?: AjvError[] };
    if (fe.validation) {
      const errors = fe.validation.map((v) => ({
        field: fieldOf(v),
        message: t('validation.field', lang, { field: fieldOf(v), reason: reasonOf(v, lang) }),
      }));
      const detail = `${t('validation', lang)}：${errors.map((e) => e.message).join('；')}`;
      return send(reply, req, 400, 'validation', detail, errors);
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, 400, 'malformed_json', t('malformed_json', lang));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(
          reply,
          req,
          400,
          'body_too_large',
          t('body_too_large', lang, { limit: app.initialConfig.bodyLimit }),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, req, 415, 'unsupported_media_type', t('unsupported_media_type', lang));
    }
    if (fe instanceof SyntaxError) return send(reply, req, 400, 'malformed_json', t('malformed_json', lang));
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505' || pgCode === '23503') {
      return send(
        reply,
        req,
        409,
        'conflict',
        t('conflict', lang, { detail: (err as { detail?: string }).detail ?? '' }),
      );
    }
    if (fe.statusCode && fe.statusCode < 500) return send(reply, req, fe.statusCode, 'validation', fe.message);
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 500, 'internal', t('internal', lang));
  });
  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      req,
      404,
      'route_not_found',
      t('route_not_found', req.lang, { method: req.method, url: req.url.split('?')[0] }),
    ),
  );
}
