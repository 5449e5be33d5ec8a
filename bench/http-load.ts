import { Worker } from 'node:worker_threads';

/**
 * HTTP load from a worker thread, so the client's own work (fetch, JSON) does not compete with the server on the
 * server's event loop: the rate measured is the server's.
 */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, sent in turn for `seconds`. */
  bodies: string[];
  /** Instead of bodies: each request sent once, with its own headers added (e.g. one session each); `seconds` is then ignored. */
  requests?: { headers: Record<string, string>; body: string }[];
  expect: number;
  seconds: number;
  concurrency: number;
}
export interface LoadResult {
  ok: number;
  failed: number;
  elapsed: number;
  rate: number;
  firstError: string | null;
}

export function httpLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), { workerData: spec });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}
