import { isUtf8 } from 'node:buffer';
import ExcelJS from 'exceljs';
import type { Issue } from './issues.ts';
import { columnOf, type Kind, kindOfName, SHEET, SHEETS } from './sheets.ts';

/**
 * Turns an uploaded file (xlsx workbook or CSV) into tables of trimmed text cells, keeping the row
 * numbers the user sees in Excel. No database access: the content arrives as a buffer.
 */

export interface RawRow {
  row: number;
  cells: string[];
}

export interface RawTable {
  /** The sheet name (xlsx) or the file name (csv), as the user sees it. */
  sheet: string;
  kind: Kind;
  headers: string[];
  rows: RawRow[];
  /** Cells ("row:column index") where Excel kept a long number as a number and lost digits. */
  lossy: Set<string>;
}

export interface InputFile {
  name: string;
  content: Buffer;
  /** For CSV: the kind of data, when the file name and headers do not tell. */
  kind?: Kind;
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: unknown): { text: string; lossy?: boolean } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') {
    // Excel keeps 15 significant digits: an 18-digit ID number typed as a number is already damaged.
    if (Number.isInteger(value))
      return Math.abs(value) >= 1e15 ? { text: String(value), lossy: true } : { text: String(value) };
    // 15 significant digits drop the noise of computed cells (89.62000000000001 → 89.62).
    return { text: String(Number(value.toPrecision(15))) };
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date)
    return { text: `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` };
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      formula?: string;
      text?: unknown;
      error?: string;
    };
    if (v.richText)
      return {
        text: v.richText
          .map((r) => r.text)
          .join('')
          .trim(),
      };
    if ('result' in v || v.formula) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return { text: v.error };
  }
  return { text: String(value).trim() };
}

const isBlank = (cells: string[]) => cells.every((c) => c === '');

async function readXlsx(file: InputFile, issues: Issue[]): Promise<RawTable[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.content as unknown as ArrayBuffer);
  } catch (e) {
    issues.push({
      sheet: file.name,
      row: 0,
      column: '',
      code: 'import.unreadable',
      params: { reason: (e as Error).message },
    });
    return [];
  }
  const tables: RawTable[] = [];
  for (const ws of wb.worksheets) {
    const lossy = new Set<string>();
    let headers: string[] | null = null;
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      if (!headers) {
        // The header is the first row; data before it would be unnumbered, so rows above it count as headers too.
        headers = values.slice(1).map((v) => cellText(v).text);
        return;
      }
      const cells: string[] = new Array(headers.length);
      for (let i = 0; i < headers.length; i++) {
        const c = cellText(values[i + 1]);
        cells[i] = c.text;
        if (c.lossy) lossy.add(`${rowNumber}:${i}`);
      }
      if (!isBlank(cells)) rows.push({ row: rowNumber, cells });
    });
    const hs = (headers ?? []) as string[];
    if (!hs.length || (isBlank(hs) && !rows.length)) continue; // an empty sheet (Excel adds Sheet2, Sheet3)
    const kind = kindOfName(ws.name);
    if (!kind) {
      issues.push({ sheet: ws.name, row: 1, column: '', code: 'import.unknown_sheet', params: { name: ws.name } });
      continue;
    }
    tables.push({ sheet: ws.name, kind, headers: hs, rows, lossy });
  }
  return tables;
}

/** Excel saves CSV as GB18030 on Chinese Windows; anything that is not valid UTF-8 is read as that. */
function decodeText(content: Buffer): string {
  if (isUtf8(content)) return content.toString('utf8').replace(/^\uFEFF/, '');
  return new TextDecoder('gb18030').decode(content);
}

/**
 * RFC 4180 CSV: a line without quotes is split directly (the common case, and several times faster
 * than a general parser at 300,000 rows); a quoted field may hold commas, doubled quotes and line breaks,
 * and a record spanning lines is still one row, as Excel shows it.
 */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  const n = text.length;
  let i = 0;
  // The next quote in the text, found once rather than searched for again on every line.
  let quote = -2;
  while (i < n) {
    let nl = text.indexOf('\n', i);
    if (nl === -1) nl = n;
    if (quote !== -1 && quote < i) quote = text.indexOf('"', i);
    if (quote === -1 || quote > nl) {
      const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      out.push(text.slice(i, end).split(','));
      i = nl + 1;
      continue;
    }
    const rec: string[] = [];
    let field = '';
    let j = i;
    for (;;) {
      if (text.charCodeAt(j) === 34 && field === '') {
        j++;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw new Error(`unterminated quoted field in record ${out.length + 1}`);
          field += text.slice(j, q);
          j = q + 1;
          if (text.charCodeAt(j) !== 34) break;
          field += '"';
          j++;
        }
      }
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === 44 || c === 10 || c === 13) break;
        k++;
      }
      field += text.slice(j, k);
      j = k;
      if (j < n && text.charCodeAt(j) === 44) {
        rec.push(field);
        field = '';
        j++;
        continue;
      }
      rec.push(field);
      if (j < n && text.charCodeAt(j) === 13) j++;
      if (j < n && text.charCodeAt(j) === 10) j++;
      break;
    }
    out.push(rec);
    i = j;
  }
  return out;
}

/** The kind whose required columns all appear among the headers, matching the most of them. */
export function kindOfHeaders(headers: string[]): Kind | null {
  let best: { kind: Kind; matched: number } | null = null;
  let tie = false;
  for (const spec of SHEETS) {
    const present = new Set(headers.map((h) => columnOf(spec.kind, h)?.key).filter(Boolean));
    if (!spec.columns.every((c) => !c.required || present.has(c.key))) continue;
    if (!best || present.size > best.matched) {
      best = { kind: spec.kind, matched: present.size };
      tie = false;
    } else if (present.size === best.matched) tie = true;
  }
  return best && !tie ? best.kind : null;
}

function readCsv(file: InputFile, issues: Issue[]): RawTable[] {
  let records: string[][];
  try {
    records = parseCsv(decodeText(file.content));
  } catch (e) {
    issues.push({
      sheet: file.name,
      row: 0,
      column: '',
      code: 'import.unreadable',
      params: { reason: (e as Error).message },
    });
    return [];
  }
  const headers = (records[0] ?? []).map((h) => h.trim());
  const base = file.name.replace(/\.[^.]*$/, '');
  const kind = file.kind ?? kindOfName(base) ?? kindOfHeaders(headers);
  if (!kind) {
    issues.push({ sheet: file.name, row: 1, column: '', code: 'import.unknown_kind' });
    return [];
  }
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i];
    for (let k = 0; k < cells.length; k++) cells[k] = cells[k].trim();
    if (cells.length < headers.length) for (let k = cells.length; k < headers.length; k++) cells[k] = '';
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return [{ sheet: file.name, kind, headers, rows, lossy: new Set() }];
}

/** Reads every file into tables; a workbook may hold several kinds, a CSV file one. */
export async function readFiles(files: InputFile[]): Promise<{ tables: RawTable[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const tables: RawTable[] = [];
  for (const file of files) {
    const lower = file.name.toLowerCase();
    const isZip = file.content.subarray(0, 2).toString('latin1') === 'PK';
    if (lower.endsWith('.xlsx') || (isZip && !lower.endsWith('.csv'))) tables.push(...(await readXlsx(file, issues)));
    else if (lower.endsWith('.csv') || lower.endsWith('.txt') || !isZip) tables.push(...readCsv(file, issues));
    else issues.push({ sheet: file.name, row: 0, column: '', code: 'import.unsupported_file' });
  }
  // One table per kind: two sheets of units would make "row 5" ambiguous for a duplicate key.
  const seen = new Map<Kind, RawTable>();
  const kept: RawTable[] = [];
  for (const table of tables) {
    const first = seen.get(table.kind);
    if (first)
      issues.push({
        sheet: table.sheet,
        row: 1,
        column: '',
        code: 'import.duplicate_sheet',
        params: { other: first.sheet },
      });
    else {
      seen.set(table.kind, table);
      kept.push(table);
    }
  }
  if (!kept.length && !issues.length)
    issues.push({ sheet: files[0]?.name ?? '', row: 0, column: '', code: 'import.empty' });
  kept.sort((a, b) => SHEETS.indexOf(SHEET[a.kind]) - SHEETS.indexOf(SHEET[b.kind]));
  return { tables: kept, issues };
}
