import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type QueryParams, query } from './api.ts';
import type { Job, Page } from './types.ts';

/**
 * One GET into state, re-run when the path changes (`path` null waits), on reload(), or when `refresh` changes (a
 * page telling its parts to load again).
 */
export function useApi<T>(path: string | null, refresh = 0) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(!!path);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` and `refresh` ask for the same path again.
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    setFailed(false);
    api<T>(path)
      .then((d) => live && setData(d))
      .catch(() => live && setFailed(true))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, tick, refresh]);
  return { data, loading, failed, reload: useCallback(() => setTick((n) => n + 1), []) };
}

/**
 * A keyset-paginated list ({items, nextCursor}): the first page loads when the filters change (or `refresh` does: a
 * page telling its parts to load again), "load more" appends the next one.
 */
export function useCursorList<T>(path: string, params: QueryParams, pageSize = 50, refresh = 0) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const key = `${path}?${query({ ...params, limit: pageSize })}`;
  // Responses to an older filter must not overwrite the newer one.
  const latest = useRef(key);

  const fetchPage = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const requested = key;
      try {
        const page = await api<Page<T>>(after ? `${key}&cursor=${encodeURIComponent(after)}` : key);
        if (latest.current !== requested) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch {
        if (latest.current === requested && !after) setItems([]);
      } finally {
        if (latest.current === requested) setLoading(false);
      }
    },
    [key],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` asks for the same first page again.
  useEffect(() => {
    latest.current = key;
    setCursor(null);
    fetchPage(null);
  }, [key, fetchPage, refresh]);

  return { items, loading, hasMore: cursor !== null, loadMore: () => fetchPage(cursor), reload: () => fetchPage(null) };
}
export type CursorList<T> = ReturnType<typeof useCursorList<T>>;

/** A background job (GET /api/v1/jobs/:id), polled every second until it has succeeded or failed; null waits. */
export function useJob(jobId: string | null) {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      api<Job>(`/api/v1/jobs/${jobId}`)
        .then((j) => {
          if (!live) return;
          setJob(j);
          if (j.status === 'queued' || j.status === 'running') timer = setTimeout(poll, 1000);
        })
        // The error was shown; stop polling rather than repeat it every second.
        .catch(() => {});
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);
  return job;
}
