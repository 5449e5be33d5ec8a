import type { Executor } from '../../kernel/db.ts';
import { notify } from '../../kernel/outbox.ts';

/** Tells an owner through the app when they have an account, else by SMS; false when there is no way to reach them. */
export async function tellOwner(
  trx: Executor,
  to: { accountId: string | null; phone: string | null },
  template: string,
  params: Record<string, unknown>,
) {
  if (to.accountId)
    await notify(trx, { channel: 'inapp', accountId: to.accountId, recipient: to.accountId, template, params });
  else if (to.phone) await notify(trx, { channel: 'sms', recipient: to.phone, template, params });
  else return false;
  return true;
}
