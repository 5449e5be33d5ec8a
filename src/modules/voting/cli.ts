import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { TallyInputError, tallyInput } from './tally-input.ts';

/**
 * `anju tally --file input.json` (or `-` for standard input): recounts a vote from its published export with the
 * platform's own tally. Prints the result as JSON and exits 0, or names the problem and exits 2.
 */
export function tallyCommand(args: string[]): number {
  try {
    const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' } } });
    if (!values.file)
      throw new TallyInputError('用法：anju tally --file 输入.json / usage: anju tally --file input.json');
    let text: string;
    try {
      text = fs.readFileSync(values.file === '-' ? 0 : values.file, 'utf8');
    } catch {
      throw new TallyInputError(`无法读取文件 ${values.file} / cannot read ${values.file}`);
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new TallyInputError(`不是合法的 JSON：${(e as Error).message} / not valid JSON: ${(e as Error).message}`);
    }
    console.log(JSON.stringify(tallyInput(input), null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof TallyInputError) && !(e instanceof TypeError)) throw e;
    console.error(`anju tally: ${e.message}`);
    return 2;
  }
}
