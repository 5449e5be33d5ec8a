import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './kernel/config.ts';
import type { DatabaseHandle } from './kernel/db.ts';
import { Worker } from './kernel/jobs.ts';
import { loggingAdapters, setChannelAdapters } from './kernel/outbox.ts';

/** Listens and runs the job worker; stops both cleanly on SIGINT/SIGTERM. */
export async function serve(
  handle: DatabaseHandle,
  config: Config,
): Promise<{ app: FastifyInstance; stop: () => Promise<void> }> {
  const app = await buildApp(handle, config);
  setChannelAdapters(loggingAdapters(app.log));
  const worker = config.worker ? new Worker(handle.db, app.log) : null;
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await worker?.stop();
      await handle.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal} received, shutting down`);
      stop().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
  return { app, stop };
}
