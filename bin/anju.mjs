#!/usr/bin/env node
// The `anju` command. Runs the TypeScript sources directly through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
if (command === 'tally') {
  // Recounting needs only the pure tally: skip loading the server, database and seeders.
  const { tallyCommand } = await import('../src/modules/voting/cli.ts');
  process.exitCode = tallyCommand(rest);
} else if (command === 'apportion') {
  // Likewise: splitting an amount needs only the pure apportionment.
  const { apportionCommand } = await import('../src/modules/finance/cli.ts');
  process.exitCode = apportionCommand(rest);
} else {
  const { main } = await import('../src/cli.ts');
  await main(process.argv.slice(2));
}
