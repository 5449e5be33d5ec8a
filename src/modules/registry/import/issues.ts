import { type Lang, t } from '../../../kernel/i18n.ts';
import '../messages.ts';
import './messages.ts';

/**
 * One problem in an import file, located as the user sees it in Excel: the sheet (or CSV file)
 * name, the row number (the header is row 1) and the column header. Messages are localised at the end,
 * so the same validation serves zh-CN and English callers.
 */
export interface Issue {
  sheet: string;
  row: number;
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

export interface ReportedError {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

/** Parameters that are themselves message codes (a "what" or a column label) are translated too. */
export function localize(issue: Issue, lang: Lang): ReportedError {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(issue.params ?? {})) {
    params[k] =
      typeof v === 'string' && v.startsWith('import.what.')
        ? t(v, lang)
        : typeof v === 'object' && v && lang in v
          ? (v as Record<Lang, string>)[lang]
          : v;
  }
  return {
    sheet: issue.sheet,
    row: issue.row,
    column: issue.column,
    code: issue.code,
    message: t(issue.code, lang, params),
  };
}

/** Sheet order first, then row, for a report that reads top to bottom. */
export function sortIssues(issues: Issue[], sheetOrder: string[]): Issue[] {
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  return [...issues].sort((a, b) => (rank.get(a.sheet) ?? 99) - (rank.get(b.sheet) ?? 99) || a.row - b.row);
}
