import { sealAudit } from './audit.ts';
import { dispatchEvents } from './events.ts';
import { defineRecurringJob } from './jobs.ts';
import { dispatchNotifications } from './outbox.ts';

/** The kernel's own recurring work, run by whichever instance's worker claims it first. */
export function defineKernelJobs(): void {
  defineRecurringJob('notifications.dispatch', 2_000, async ({ db }) => ({ sent: await dispatchNotifications(db) }));
  defineRecurringJob('events.dispatch', 2_000, async ({ db }) => ({ dispatched: await dispatchEvents(db) }));
  defineRecurringJob('audit.seal', 10_000, async ({ db }) => ({ sealed: await sealAudit(db) }));
}
