import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db, Executor } from './db.ts';
import { t } from './i18n.ts';
import { newId } from './ids.ts';

export type Channel = 'inapp' | 'sms' | 'wechat' | 'email';

export interface Notification {
  channel: Channel;
  accountId?: string | null;
  recipient: string;
  /** A message code (i18n catalogue); the body is rendered in zh-CN when queued. */
  template: string;
  params?: Record<string, unknown>;
}

/** Queues a notification in the caller's transaction: it is sent if and only if the change commits. */
export async function notify(db: Executor, n: Notification): Promise<string> {
  const id = newId();
  await db
    .insertInto('notifications')
    .values({
      id,
      channel: n.channel,
      account_id: n.accountId ?? null,
      recipient: n.recipient,
      template: n.template,
      params: JSON.stringify(n.params ?? {}),
      body: t(n.template, 'zh-CN', n.params),
      sent_at: null,
      read_at: null,
      last_error: null,
    })
    .execute();
  return id;
}

/** Delivers one message on a channel; throws to ask for a retry. */
export interface ChannelAdapter {
  send(message: { id: string; recipient: string; body: string; template: string }): Promise<void>;
}

/** Default adapters: no network; they log the message (the in-app inbox is the table itself). */
export function loggingAdapters(log: FastifyBaseLogger): Record<Channel, ChannelAdapter> {
  const logOnly = (channel: Channel): ChannelAdapter => ({
    async send(m) {
      log.info({ channel, to: m.recipient, template: m.template }, `[${channel}] ${m.body}`);
    },
  });
  return { inapp: { async send() {} }, sms: logOnly('sms'), wechat: logOnly('wechat'), email: logOnly('email') };
}

let adapters: Record<Channel, ChannelAdapter> | null = null;
export function setChannelAdapters(a: Record<Channel, ChannelAdapter>) {
  adapters = a;
}

const MAX_ATTEMPTS = 6;

/** Sends due notifications; failures retry with exponential backoff, then are marked dead. */
export async function dispatchNotifications(db: Db, batch = 200): Promise<number> {
  if (!adapters) return 0;
  const due = await sql<{
    id: string;
    channel: Channel;
    recipient: string;
    body: string;
    template: string;
    attempts: number;
  }>`
    UPDATE notifications SET attempts = attempts + 1,
      next_attempt_at = now() + interval '5 minutes'
    WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, channel, recipient, body, template, attempts`.execute(db);
  for (const m of due.rows) {
    try {
      await adapters[m.channel].send(m);
      await db
        .updateTable('notifications')
        .set({ status: 'sent', sent_at: new Date(), last_error: null })
        .where('id', '=', m.id)
        .execute();
    } catch (err) {
      const dead = m.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('notifications')
        .set({
          status: dead ? 'dead' : 'pending',
          last_error: err instanceof Error ? err.message : String(err),
          next_attempt_at: new Date(Date.now() + 2 ** m.attempts * 15_000),
        })
        .where('id', '=', m.id)
        .execute();
    }
  }
  return due.rows.length;
}
