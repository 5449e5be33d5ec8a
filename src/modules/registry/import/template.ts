import ExcelJS from 'exceljs';
import type { Lang } from '../../../kernel/i18n.ts';
import { type ColumnSpec, SHEETS } from './sheets.ts';

/**
 * The import template: one sheet per kind with its headers (required ones marked *), one example
 * row, text format on identifier columns (so Excel keeps all 18 digits of an ID number) and
 * drop-down lists for the enumerated columns.
 */

const TEXT_TYPES = new Set(['code', 'uscc', 'residentId', 'mobile', 'text']);

export function templateHeader(col: ColumnSpec, lang: Lang): string {
  const unit = col.type === 'area' ? (lang === 'en' ? ' (m²)' : '（m²）') : '';
  return `${col.header[lang]}${unit}${col.required ? '*' : ''}`;
}

function exampleValue(col: ColumnSpec, lang: Lang): string | number {
  if (col.type === 'enum' && col.example) {
    const v = col.values?.find((x) => x['zh-CN'] === col.example || x.value === col.example);
    return v ? v[lang] : col.example;
  }
  if (col.type === 'bool' && col.example) return lang === 'en' ? 'yes' : '是';
  return col.example;
}

export async function buildTemplate(lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anju 安居';
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.name[lang]);
    ws.addRow(spec.columns.map((c) => templateHeader(c, lang))).font = { bold: true };
    ws.addRow(spec.columns.map((c) => exampleValue(c, lang)));
    spec.columns.forEach((col, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(12, templateHeader(col, lang).length * (lang === 'en' ? 1.2 : 2.2));
      if (TEXT_TYPES.has(col.type)) column.numFmt = '@';
      const letter = column.letter;
      const list =
        col.type === 'enum'
          ? (col.values ?? []).map((v) => v[lang])
          : col.type === 'bool'
            ? lang === 'en'
              ? ['yes', 'no']
              : ['是', '否']
            : null;
      if (list) {
        // biome-ignore lint/suspicious/noExplicitAny: exceljs types omit the worksheet-level dataValidations collection
        (ws as any).dataValidations.add(`${letter}2:${letter}5000`, {
          type: 'list',
          allowBlank: !col.required,
          formulae: [`"${list.join(',')}"`],
        });
      }
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
