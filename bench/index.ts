import type { Config } from '../src/kernel/config.ts';

/**
 * `npm run bench -- <name> [options]`: benchmarks that print a throughput beside the same machine's
 * own limit measured in the same run (DESIGN: tests and benchmarks).
 */
const BENCHES: Record<string, { summary: string; run: (args: string[], config: Config) => Promise<void> }> = {
  import: {
    summary:
      'registry import of a generated city vs the raw COPY rate [--units N --estates N --companies N --staff N --chunk N --writers N]',
    run: async (args, config) => (await import('./import.ts')).benchImport(args, config),
  },
  workorders: {
    summary:
      'tickets/s over HTTP vs raw INSERT/s; company queue p95 and city metrics over 1M tickets [--tickets N --seconds N --concurrency N --explain --keep]',
    run: async (args, config) => (await import('./workorders.ts')).benchWorkorders(args, config),
  },
  voting: {
    summary:
      'ballots/s over HTTP vs raw INSERT/s on a 20,000-unit estate; live tally, recount and `anju tally` [--units N --ballots N --seconds N --concurrency N --explain --keep]',
    run: async (args, config) => (await import('./voting.ts')).benchVoting(args, config),
  },
  finance: {
    summary:
      'bill run vs raw INSERT … SELECT over a 300k-unit city; desk payments/s over HTTP vs raw INSERT/s; ledger verify over 1M entries [--units N --estates N --entries N --seconds N --concurrency N --keep]',
    run: async (args, config) => (await import('./finance.ts')).benchFinance(args, config),
  },
  supervision: {
    summary:
      'a quarterly credit evaluation of 1,000 companies over 100k records vs a raw aggregate [--companies N --records N --keep]',
    run: async (args, config) => (await import('./supervision.ts')).benchSupervision(args, config),
  },
};

export async function runBench(args: string[], config: Config): Promise<void> {
  const [name, ...rest] = args;
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    console.log(
      `usage: npm run bench -- <name> [options]\n\n${Object.entries(BENCHES)
        .map(([n, b]) => `  ${n.padEnd(10)} ${b.summary}`)
        .join('\n')}`,
    );
    if (name) process.exitCode = 2;
    return;
  }
  await bench.run(rest, config);
}
