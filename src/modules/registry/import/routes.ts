import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../../kernel/errors.ts';
import { registryPolicy as P } from '../policy.ts';
import { IMPORT_JOB, storeUpload } from './job.ts';
import { KINDS, type Kind } from './sheets.ts';
import { buildTemplate } from './template.ts';

/** Bulk import of the registry: upload a workbook or CSV (a job validates and imports it), and the template. */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['registry import'];

  app.post(
    '/api/v1/imports',
    {
      config: { policy: P.import },
      schema: {
        tags,
        summary: 'Upload an xlsx workbook (one sheet per kind) or a CSV file to import; poll GET /api/v1/jobs/{jobId}',
        description:
          'multipart/form-data: `file` (xlsx or csv), `mode` = all (default: nothing is imported while any row is bad) | valid_only, ' +
          '`kind` (CSV only, when neither the file name nor the headers tell: regions, companies, estates, buildings, units, owners, staff). ' +
          `The job (${IMPORT_JOB}) result is {imported, counts: {kind: {sheet, inserted, updated, unchanged, invalid}}, errors: [{sheet, row, column, code, message}], errorCount}.`,
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
        response: { 202: Type.Object({ jobId: Type.String(), importId: Type.String() }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new DomainError('import.no_file', 400);
      let file: { name: string; content: Buffer } | null = null;
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const f = part as MultipartFile;
          const content = await f.toBuffer();
          if (f.fieldname === 'file') file = { name: f.filename || 'import.xlsx', content };
        } else {
          fields[part.fieldname] = String(part.value ?? '');
        }
      }
      if (!file?.content.length) throw new DomainError('import.no_file', 400);
      const mode = fields.mode || 'all';
      if (mode !== 'all' && mode !== 'valid_only') throw new DomainError('import.bad_mode', 400);
      const kind = fields.kind || null;
      if (kind && !KINDS.includes(kind as Kind)) throw new DomainError('import.bad_kind', 400, { kind });
      const ids = await storeUpload(app.db, {
        fileName: file.name,
        content: file.content,
        mode,
        kind: kind as Kind | null,
        lang: req.lang,
        accountId: req.actor.accountId as string,
      });
      return reply.status(202).send(ids);
    },
  );

  app.get(
    '/api/v1/imports/template',
    {
      config: { policy: P.import },
      schema: {
        tags,
        summary:
          'The import template: an xlsx workbook with every sheet, its headers and an example row (headers in the caller’s language)',
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.String({ description: 'xlsx workbook', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const name = req.lang === 'en' ? 'anju-registry-import-template.xlsx' : '安居-基础数据导入模板.xlsx';
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send((await buildTemplate(req.lang)) as never);
    },
  );
};
