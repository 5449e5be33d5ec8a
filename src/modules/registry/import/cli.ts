import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../../kernel/auth/roles.ts';
import type { DatabaseHandle, Db } from '../../../kernel/db.ts';
import type { Lang } from '../../../kernel/i18n.ts';
import type { InputFile } from './read.ts';
import { type ImportOptions, type ImportResult, KIND_ORDER, runImport } from './service.ts';
import { KINDS, type Kind, sheetLabel } from './sheets.ts';

/**
 * `anju import FILE|DIR… [--valid-only] [--lang en] [--kind units] [--errors-out errors.csv]`:
 * the same validation and import as the upload endpoint, run in this process as the system
 * (acting as the city regulator over every region).
 */

export const SYSTEM_ACTOR: Actor = {
  accountId: null,
  kind: 'integration',
  displayName: 'anju import (command line)',
  personId: null,
  // A region scope of '/' covers every region path, including a city the file creates.
  bindings: [{ role: 'city_regulator', scopeType: 'region', scopeId: null, scopePath: '/' }],
  via: 'anonymous',
};

const USAGE = `usage: anju import FILE.xlsx|FILE.csv|DIR… [--valid-only] [--lang en] [--kind regions|companies|estates|buildings|units|owners|staff]
                   [--errors-out errors.csv] [--quiet]`;

/** The files to import: each argument a file, or a directory whose .xlsx and .csv files are taken. */
export function collectFiles(paths: string[], kind?: Kind): InputFile[] {
  const files: InputFile[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p);
    const names = stat.isDirectory()
      ? fs
          .readdirSync(p)
          .filter((f) => /\.(xlsx|csv)$/i.test(f) && !f.startsWith('~$'))
          .sort()
          .map((f) => path.join(p, f))
      : [p];
    for (const name of names)
      files.push({ name: path.basename(name), content: fs.readFileSync(name), ...(kind ? { kind } : {}) });
  }
  return files;
}

/** A progress printer: one line per phase, rewritten in place on a terminal. */
export function progressPrinter(out: NodeJS.WriteStream = process.stderr) {
  let lastMessage = '';
  let lastAt = 0;
  return (done: number, total: number, message: string) => {
    const now = Date.now();
    const changed = message !== lastMessage;
    if (!changed && now - lastAt < 500 && done < total) return;
    const pct = total > 1 ? ` ${done}/${total} (${Math.floor((100 * done) / total)}%)` : '';
    if (out.isTTY) out.write(`${changed && lastMessage ? '\n' : '\r'}${message}${pct}\x1b[K`);
    else if (changed || done === total) out.write(`${message}${pct}\n`);
    lastMessage = message;
    lastAt = now;
  };
}

export async function importPaths(
  db: Db,
  paths: string[],
  opts: Partial<ImportOptions> & { kind?: Kind } = {},
): Promise<ImportResult> {
  return runImport(db, collectFiles(paths, opts.kind), { mode: 'all', lang: 'zh-CN', actor: SYSTEM_ACTOR, ...opts });
}

export function printResult(
  result: ImportResult,
  lang: Lang,
  out: (line: string) => void = console.log,
  maxErrors = 200,
) {
  const en = lang === 'en';
  out(
    en
      ? '\nsheet           inserted   updated  unchanged  invalid'
      : '\n工作表            新增      更新      未变      有错',
  );
  for (const kind of KIND_ORDER) {
    const c = result.counts[kind];
    if (!c) continue;
    const label = `${c.sheet}${c.sheet === sheetLabel(kind, lang) ? '' : ` (${sheetLabel(kind, lang)})`}`;
    out(
      `${label.padEnd(14)} ${String(c.inserted).padStart(9)} ${String(c.updated).padStart(9)} ${String(c.unchanged).padStart(10)} ${String(c.invalid).padStart(8)}`,
    );
  }
  if (result.errorCount) {
    out(en ? `\n${result.errorCount} error(s):` : `\n共 ${result.errorCount} 个错误：`);
    out(en ? 'sheet\trow\tcolumn\tmessage' : '工作表\t行\t列\t说明');
    for (const e of result.errors.slice(0, maxErrors)) out(`${e.sheet}\t${e.row}\t${e.column}\t${e.message}`);
    if (result.errorCount > maxErrors)
      out(
        en
          ? `… and ${result.errorCount - maxErrors} more (--errors-out FILE writes them all)`
          : `… 另有 ${result.errorCount - maxErrors} 个（用 --errors-out 文件 导出全部）`,
      );
  }
  if (result.imported) out(en ? '\nImported.' : '\n导入完成。');
  else if (result.errorCount)
    out(
      en
        ? '\nNothing was imported: fix the errors, or pass --valid-only to import the valid rows.'
        : '\n存在错误，未导入任何数据：请修正后重试，或用 --valid-only 只导入无误的行。',
    );
}

export async function importCommand(handle: DatabaseHandle, args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang: Lang = values.lang === 'en' ? 'en' : 'zh-CN';
  const kind = values.kind as Kind | undefined;
  if (!positionals.length || (kind && !KINDS.includes(kind))) {
    console.error(USAGE);
    return 2;
  }
  const result = await importPaths(handle.db, positionals, {
    mode: values['valid-only'] ? 'valid_only' : 'all',
    lang,
    kind,
    requestId: `cli:${process.pid}`,
    onProgress: values.quiet ? undefined : progressPrinter(),
  });
  if (!values.quiet && process.stderr.isTTY) process.stderr.write('\n');
  printResult(result, lang);
  if (values['errors-out']) {
    fs.writeFileSync(
      values['errors-out'],
      `\uFEFF${stringify([['sheet', 'row', 'column', 'code', 'message'], ...result.errors.map((e) => [e.sheet, e.row, e.column, e.code, e.message])])}`,
    );
  }
  return !result.imported && result.errorCount ? 1 : 0;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      'valid-only': { type: 'boolean' },
      lang: { type: 'string' },
      kind: { type: 'string' },
      'errors-out': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
}
