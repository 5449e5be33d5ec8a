import { isValidMobile, isValidResidentId, isValidUscc, parseArea } from '../identifiers.ts';
import type { Issue } from './issues.ts';
import type { RawTable } from './read.ts';
import { type ColumnSpec, columnOf, enumValue, type Kind, SHEET } from './sheets.ts';

/**
 * Phase one of validation: headers, then every cell on its own (types, check digits, formats,
 * enum values, required cells). Pure: no database, no clock beyond the date check.
 */

export type Value = string | number | boolean | null;

export interface ParsedRow {
  row: number;
  v: Record<string, Value>;
  ok: boolean;
}

export interface ParsedSheet {
  kind: Kind;
  sheet: string;
  /** Field keys whose column is in the file; absent optional columns are left as they are in the database. */
  present: Set<string>;
  /** The header as written in the file, per field key (the canonical Chinese label when absent). */
  header: Record<string, string>;
  rows: ParsedRow[];
}

type Parser = (text: string) => { value?: Value; code?: string; params?: Record<string, unknown> };

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '代表人']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);
const CODE = /^[0-9A-Za-z_.-]{1,32}$/;

function parserOf(col: ColumnSpec): Parser {
  switch (col.type) {
    case 'text': {
      const max = col.maxLength ?? 200;
      return (s) => (s.length > max ? { code: 'import.too_long', params: { max } } : { value: s });
    }
    case 'code':
      return (s) => (CODE.test(s) ? { value: s } : { code: 'import.code' });
    case 'uscc':
      return (s) => {
        const u = s.toUpperCase();
        return isValidUscc(u) ? { value: u } : { code: 'registry.invalid_uscc' };
      };
    case 'residentId':
      return (s) => {
        const u = s.toUpperCase();
        return isValidResidentId(u) ? { value: u } : { code: 'registry.invalid_resident_id' };
      };
    case 'mobile':
      return (s) => {
        const m = s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
        return isValidMobile(m) ? { value: m } : { code: 'registry.invalid_phone' };
      };
    case 'int':
    case 'decimal': {
      const re = col.type === 'int' ? /^[+-]?\d+(\.0+)?$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
      const min = col.min ?? -Infinity;
      const max = col.max ?? Infinity;
      return (s) => {
        if (!re.test(s)) return { code: col.type === 'int' ? 'import.integer' : 'import.decimal' };
        const n = Number(s);
        return n < min || n > max ? { code: 'import.range', params: { min, max } } : { value: n };
      };
    }
    case 'area': {
      const min = col.min ?? 1;
      return (s) => {
        const a = parseArea(s);
        return a === null || a < min ? { code: 'registry.invalid_area' } : { value: a };
      };
    }
    case 'date':
      return (s) => {
        const m = DATE.exec(s);
        if (!m) return { code: 'import.date' };
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const date = new Date(Date.UTC(y, mo - 1, d));
        if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { code: 'import.date' };
        return { value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
      };
    case 'enum':
      return (s) => {
        const v = enumValue(col, s);
        return v === null ? { code: 'import.enum', params: { allowed: enumAllowed(col) } } : { value: v };
      };
    case 'bool':
      return (s) => {
        const n = s.toLowerCase();
        return TRUE.has(n) ? { value: true } : FALSE.has(n) ? { value: false } : { code: 'import.bool' };
      };
  }
}

/** The allowed values in both languages; localize() picks the caller's. */
const enumAllowed = (col: ColumnSpec) => ({
  'zh-CN': (col.values ?? []).map((v) => v['zh-CN']).join('、'),
  en: (col.values ?? []).map((v) => v.en).join(', '),
});

const columnLabel = (col: ColumnSpec) => ({ 'zh-CN': col.header['zh-CN'], en: col.header.en });

/** Validates one table's header and cells. */
export function parseTable(table: RawTable, issues: Issue[]): ParsedSheet {
  const spec = SHEET[table.kind];
  const at = (row: number, column: string, code: string, params?: Record<string, unknown>) =>
    issues.push({ sheet: table.sheet, row, column, code, ...(params ? { params } : {}) });

  const byIndex: { col: ColumnSpec; index: number; parse: Parser }[] = [];
  const present = new Set<string>();
  const header: Record<string, string> = {};
  for (const [index, h] of table.headers.entries()) {
    if (!h) continue;
    const col = columnOf(table.kind, h);
    if (!col) at(1, h, 'import.unknown_column', { column: h });
    else if (present.has(col.key)) at(1, h, 'import.duplicate_column', { column: h });
    else {
      present.add(col.key);
      header[col.key] = h;
      byIndex.push({ col, index, parse: parserOf(col) });
    }
  }
  let headerBroken = false;
  for (const col of spec.columns) {
    header[col.key] ??= col.header['zh-CN'];
    if (col.required && !present.has(col.key)) {
      at(1, '', 'import.missing_column', { column: columnLabel(col) });
      headerBroken = true;
    }
  }
  if (spec.oneOf && !spec.oneOf.some((k) => present.has(k))) {
    const cols = spec.columns.filter((c) => spec.oneOf?.includes(c.key));
    at(1, '', 'import.missing_one_of', {
      columns: { 'zh-CN': cols.map((c) => c.header['zh-CN']).join('、'), en: cols.map((c) => c.header.en).join(', ') },
    });
    headerBroken = true;
  }

  const rows: ParsedRow[] = new Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const { row, cells } = table.rows[r];
    const v: Record<string, Value> = {};
    let ok = !headerBroken;
    for (const { col, index, parse } of byIndex) {
      const text = cells[index] ?? '';
      if (text === '') {
        v[col.key] = null;
        if (col.required) {
          at(row, header[col.key], 'import.required');
          ok = false;
        }
        continue;
      }
      if (
        table.lossy.size &&
        table.lossy.has(`${row}:${index}`) &&
        (col.type === 'residentId' || col.type === 'uscc' || col.type === 'text')
      ) {
        at(row, header[col.key], 'import.number_as_text');
        ok = false;
        continue;
      }
      const res = parse(text);
      if (res.code) {
        at(row, header[col.key], res.code, res.params);
        ok = false;
      } else v[col.key] = res.value as Value;
    }
    if (spec.oneOf && !headerBroken && !byIndex.some((c) => spec.oneOf?.includes(c.col.key) && cells[c.index])) {
      at(row, header[spec.oneOf.find((k) => present.has(k)) as string], 'registry.area_required');
      ok = false;
    }
    rows[r] = { row, v, ok };
  }
  return { kind: table.kind, sheet: table.sheet, present, header, rows };
}
