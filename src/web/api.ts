import { currentLang, translate } from './i18n.tsx';

/** A failed API call: the server's problem+json, whose `detail` is already in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token (from login or /auth/me); every non-GET must carry it. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Hooks = { showError(text: string): void; unauthenticated(): void };
let hooks: Hooks = { showError: (text) => console.error(text), unauthenticated: () => {} };
/** The app installs antd's message and its login redirect here, so this module needs no React. */
export function installApiHooks(h: Hooks) {
  hooks = h;
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Multipart upload; sent as is. */
  form?: FormData;
  /** Let the caller show the error itself. */
  quiet?: boolean;
  /** Extra request headers, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined || opts.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.form ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
  } catch {
    const text = translate(currentLang(), 'error.network');
    if (!opts.quiet) hooks.showError(text);
    throw new ApiError(0, 'network', text);
  }
  if (res.status === 204) return undefined as T;
  const isJson = /json/.test(res.headers.get('content-type') ?? '');
  const payload = isJson ? await res.json().catch(() => null) : null;
  if (res.ok) return payload as T;

  const problem = (payload ?? {}) as { code?: string; detail?: string };
  const error = new ApiError(
    res.status,
    problem.code ?? `http_${res.status}`,
    problem.detail ?? `${res.status} ${res.statusText}`,
  );
  // A lapsed session is not an error to show: go and sign in. A wrong password (also 401) is.
  if (res.status === 401 && error.code === 'unauthenticated') {
    hooks.unauthenticated();
  } else if (!opts.quiet) {
    hooks.showError(error.detail);
  }
  throw error;
}

/** The same list URL with its filters, asking for a spreadsheet download (`?format=xlsx|csv`). */
export function exportUrl(path: string, params: QueryParams, format: 'xlsx' | 'csv'): string {
  return `${path}?${query({ ...params, format })}`;
}

export type QueryParams = Record<string, string | number | boolean | readonly string[] | undefined | null>;

/** A query string from the parameters that are set; an array repeats its key (`state=a&state=b`). */
export function query(params: QueryParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  }
  return q.toString();
}
