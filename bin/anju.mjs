#!/usr/bin/env node
// The `anju` command. Runs the TypeScript sources directly through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
