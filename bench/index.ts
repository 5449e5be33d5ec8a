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
};

export async function runBench(args: string[], config: Config): Promise<void> {
  const [name, ...rest] = args;
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    console.log(
      `usage: npm run bench -- <name> [options]\n\n${Object.entries(BENCHES)
        .map(([n, b]) => `  ${n.padEnd(8)} ${b.summary}`)
        .join('\n')}`,
    );
    if (name) process.exitCode = 2;
    return;
  }
  await bench.run(rest, config);
}
