import path from 'node:path';

/** Everything the process reads from its environment, read once. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  env: 'development' | 'production' | 'test';
  /** Show SMS/OTP messages on the development inbox page. */
  devInbox: boolean;
  sessionTtlHours: number;
  secureCookies: boolean;
  /** Run the job worker in this process. */
  worker: boolean;
  logLevel: string;
  /** The simulated WeChat Pay / Alipay provider (its pay page and signed callbacks); never in production. */
  paySimulator: boolean;
  /** The key payment callbacks are signed with (the provider's API key in production). */
  paySecret: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = (env.ANJU_ENV ?? env.NODE_ENV ?? 'development') as Config['env'];
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ANJU_DATA_DIR ?? 'data'),
    env: mode,
    devInbox: env.ANJU_DEV_INBOX ? env.ANJU_DEV_INBOX === '1' : mode !== 'production',
    sessionTtlHours: Number(env.ANJU_SESSION_TTL_HOURS ?? 12),
    secureCookies: env.ANJU_SECURE_COOKIES === '1',
    worker: env.ANJU_WORKER !== '0',
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    paySimulator: mode !== 'production' && env.ANJU_PAY_SIMULATOR !== '0',
    paySecret: env.ANJU_PAY_SECRET ?? (mode === 'production' ? '' : 'anju-simulated-provider-key'),
  };
}
