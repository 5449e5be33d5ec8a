import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Lang } from './i18n.ts';

/** `?format=xlsx|csv` on a list route exports every row the caller may see, with localised headers. */
export const ExportQuery = {
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('csv')])),
};

export interface ExportColumn<T> {
  key: string;
  header: { 'zh-CN': string; en: string };
  value: (row: T) => string | number | null;
}

export async function sendExport<T>(
  reply: FastifyReply,
  format: 'xlsx' | 'csv',
  name: string,
  columns: ExportColumn<T>[],
  rows: T[],
  lang: Lang,
) {
  const headers = columns.map((c) => c.header[lang]);
  const data = rows.map((r) => columns.map((c) => c.value(r)));
  const filename = encodeURIComponent(`${name}.${format}`);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${filename}`);
  if (format === 'csv') {
    // A byte-order mark so Excel opens UTF-8 Chinese correctly.
    return reply.type('text/csv; charset=utf-8').send(`\uFEFF${stringify([headers, ...data])}`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow(headers).font = { bold: true };
  for (const row of data) ws.addRow(row);
  ws.columns.forEach((col) => {
    col.width = 16;
  });
  const buffer = await wb.xlsx.writeBuffer();
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(buffer));
}

/**
 * A list route's answer: a page of JSON, or with `?format=xlsx|csv` every row the caller may see as a file.
 * `list(filter, all)` runs the module's scoped query; `all` lifts the page size to EXPORT_LIMIT.
 */
export async function respondList<Q extends { format?: 'json' | 'xlsx' | 'csv' }, T>(
  req: { query: Q; lang: Lang },
  reply: FastifyReply,
  name: string,
  columns: ExportColumn<T>[],
  list: (filter: Omit<Q, 'format'>, all: boolean) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const { format, ...filter } = req.query;
  if (format === 'xlsx' || format === 'csv') {
    const page = await list(filter, true);
    return sendExport(reply, format, name, columns, page.items, req.lang);
  }
  return list(filter, false);
}
