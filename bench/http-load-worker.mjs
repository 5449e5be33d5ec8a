// The load generator of bench/http-load.ts, in plain JavaScript so a worker thread can run it without a loader.
import { parentPort, workerData } from 'node:worker_threads';

const spec = workerData;
const end = performance.now() + spec.seconds * 1000;
let ok = 0;
let failed = 0;
let n = 0;
let firstError = null;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (spec.requests ? n < spec.requests.length : performance.now() < end) {
      const one = spec.requests?.[n];
      const body = one ? one.body : spec.bodies[n % spec.bodies.length];
      const headers = one ? { ...spec.headers, ...one.headers } : spec.headers;
      n++;
      const res = await fetch(spec.url, { method: 'POST', headers, body });
      const text = await res.text();
      if (res.status === spec.expect) ok++;
      else {
        failed++;
        firstError ??= `${res.status} ${text.slice(0, 300)}`;
      }
    }
  }),
);
const elapsed = performance.now() - t0;
parentPort.postMessage({ ok, failed, elapsed, rate: (ok * 1000) / elapsed, firstError });
