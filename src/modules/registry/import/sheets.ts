import type { Lang } from '../../../kernel/i18n.ts';
import { PEOPLE_SHEETS } from './specs-people.ts';
import { PLACE_SHEETS } from './specs-places.ts';

/**
 * What an import file may hold: one sheet per kind, headers in Chinese (English accepted), values
 * in Chinese or English. Pure data and lookups, no I/O.
 */

/** In dependency order: a sheet only refers to sheets before it. */
export const KINDS = ['regions', 'companies', 'estates', 'buildings', 'units', 'owners', 'staff'] as const;
export type Kind = (typeof KINDS)[number];

export type FieldType =
  | 'text'
  | 'code'
  | 'uscc'
  | 'residentId'
  | 'mobile'
  | 'int'
  | 'decimal'
  | 'area'
  | 'date'
  | 'enum'
  | 'bool';

type Label = { 'zh-CN': string; en: string };
export interface EnumValue extends Label {
  value: string;
  aliases?: string[];
}

export interface ColumnSpec {
  key: string;
  header: Label;
  aliases?: string[];
  type: FieldType;
  /** The column must be present and the cell filled. */
  required?: boolean;
  values?: EnumValue[];
  maxLength?: number;
  min?: number;
  max?: number;
  /** A value for the template's example row. */
  example: string;
}

export interface SheetSpec {
  kind: Kind;
  name: Label;
  aliases: string[];
  columns: ColumnSpec[];
  /** Field keys that identify a row (the natural key). */
  key: string[];
  /** At least one of these columns must be present (unit areas). */
  oneOf?: string[];
}

export const SHEETS: SheetSpec[] = [...PLACE_SHEETS, ...PEOPLE_SHEETS];

export const SHEET: Record<Kind, SheetSpec> = Object.fromEntries(SHEETS.map((s) => [s.kind, s])) as Record<
  Kind,
  SheetSpec
>;

/** Headers and names compare without case, spaces, a required-mark star or a unit in brackets: "登记面积（m²）*" = "登记面积". */
export function normalizeLabel(text: string): string {
  return text
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*＊_]/g, '')
    .toLowerCase();
}

const sheetByLabel = new Map<string, Kind>();
for (const s of SHEETS)
  for (const label of [s.kind, s.name['zh-CN'], s.name.en, ...s.aliases])
    sheetByLabel.set(normalizeLabel(label), s.kind);

/** The kind a sheet name (or a CSV file's base name) stands for. */
export function kindOfName(name: string): Kind | null {
  const n = normalizeLabel(name);
  const exact = sheetByLabel.get(n);
  if (exact) return exact;
  // A file name like "city-units" or "2024房屋清单": the longest label it contains.
  let best: { kind: Kind; length: number } | null = null;
  for (const [label, kind] of sheetByLabel) {
    if (label.length >= 2 && n.includes(label) && (!best || label.length > best.length))
      best = { kind, length: label.length };
  }
  return best?.kind ?? null;
}

const columnIndex = new Map<Kind, Map<string, ColumnSpec>>();
for (const s of SHEETS) {
  const m = new Map<string, ColumnSpec>();
  for (const c of s.columns) {
    for (const label of [c.key, c.header['zh-CN'], c.header.en, ...(c.aliases ?? [])]) {
      const n = normalizeLabel(label);
      const other = m.get(n);
      if (other && other !== c) throw new Error(`import sheet ${s.kind}: header ${label} names two columns`);
      m.set(n, c);
    }
  }
  columnIndex.set(s.kind, m);
}

export function columnOf(kind: Kind, header: string): ColumnSpec | null {
  return columnIndex.get(kind)?.get(normalizeLabel(header)) ?? null;
}

const enumIndex = new WeakMap<ColumnSpec, Map<string, string>>();

/** Matches an enum cell against the value, its Chinese and English labels and aliases. */
export function enumValue(col: ColumnSpec, text: string): string | null {
  let index = enumIndex.get(col);
  if (!index) {
    index = new Map();
    for (const v of col.values ?? []) {
      for (const label of [v.value, v['zh-CN'], v.en, ...(v.aliases ?? [])]) {
        index.set(label, v.value);
        index.set(normalizeLabel(label), v.value);
      }
    }
    enumIndex.set(col, index);
  }
  return index.get(text) ?? index.get(normalizeLabel(text)) ?? null;
}

export const enumLabels = (col: ColumnSpec, lang: Lang) =>
  (col.values ?? []).map((v) => v[lang]).join(lang === 'en' ? ', ' : '、');

export function sheetLabel(kind: Kind, lang: Lang): string {
  return SHEET[kind].name[lang];
}

export function headerLabel(col: ColumnSpec, lang: Lang): string {
  return col.header[lang];
}
