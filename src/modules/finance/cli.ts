import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { apportion } from './apportion.ts';
import { ApportionInputError, readApportionInput } from './apportion-input.ts';

/**
 * `anju apportion --file input.json` (or `-` for standard input): splits an amount over units by area with the
 * platform's own apportionment. Prints `[{"id": …, "fen": …}, …]` in input order and exits 0, or names the problem
 * and exits 2.
 */
export function apportionCommand(args: string[]): number {
  try {
    let values: { file?: string };
    try {
      ({ values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' } } }));
    } catch (e) {
      // parseArgs explains an unknown option or a missing value, in English only.
      throw new ApportionInputError(`命令行参数有误 / bad arguments: ${(e as Error).message}`);
    }
    if (!values.file)
      throw new ApportionInputError(
        '用法：anju apportion --file 输入.json（- 表示标准输入）/ usage: anju apportion --file input.json (- for stdin)',
      );
    let text: string;
    try {
      text = fs.readFileSync(values.file === '-' ? 0 : values.file, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new ApportionInputError(`无法读取文件 ${values.file}（${why}）/ cannot read ${values.file} (${why})`);
    }
    const { amountFen, units } = readApportionInput(text);
    // One unit a line: a city's list stays readable and diffable.
    const lines = apportion(amountFen, units).map((share) => `  ${JSON.stringify(share)}`);
    console.log(`[\n${lines.join(',\n')}\n]`);
    return 0;
  } catch (e) {
    if (!(e instanceof ApportionInputError)) throw e;
    console.error(`anju apportion: ${e.message}`);
    return 2;
  }
}
