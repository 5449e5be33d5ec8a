import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { notify } from '../../kernel/outbox.ts';
import type { TicketRow } from './tables.ts';

/** Who hears about a ticket, queued through the outbox in the transaction that changed it. */

type Params = Record<string, unknown>;

/** The reporter: in-app when they have an account, by SMS when they only left a phone (hotline, front desk). */
export async function tellReporter(db: Executor, t: TicketRow, template: string, params: Params): Promise<void> {
  if (t.reporter_account_id && t.channel === 'resident')
    await notify(db, {
      channel: 'inapp',
      accountId: t.reporter_account_id,
      recipient: t.reporter_account_id,
      template,
      params,
    });
  else if (t.reporter_phone) await notify(db, { channel: 'sms', recipient: t.reporter_phone, template, params });
}

export async function tellAccount(db: Executor, accountId: string, template: string, params: Params) {
  await notify(db, { channel: 'inapp', accountId, recipient: accountId, template, params });
}

async function tellAll(db: Executor, accountIds: string[], template: string, params: Params) {
  for (const id of new Set(accountIds)) await tellAccount(db, id, template, params);
}

const bound = (db: Executor) =>
  db
    .selectFrom('role_bindings')
    .innerJoin('accounts', 'accounts.id', 'role_bindings.account_id')
    .select('role_bindings.account_id')
    .where('accounts.disabled', '=', false);

/** The street office(s) over the estate. */
export async function tellStreet(db: Executor, t: TicketRow, template: string, params: Params) {
  const rows = await bound(db)
    .where('role_bindings.role', '=', 'street_office')
    .where(sql.val(t.region_path), 'like', sql<string>`role_bindings.scope_path || '%'`)
    .execute();
  await tellAll(
    db,
    rows.map((r) => r.account_id),
    template,
    params,
  );
}

export async function tellDepartment(db: Executor, departmentId: string, template: string, params: Params) {
  const rows = await bound(db)
    .where('role_bindings.role', '=', 'department')
    .where('role_bindings.scope_id', '=', departmentId)
    .execute();
  await tellAll(
    db,
    rows.map((r) => r.account_id),
    template,
    params,
  );
}

/** Whoever handles it: the assignee if there is one, else the company's admins and the estate's manager. */
export async function tellHandler(db: Executor, t: TicketRow, template: string, params: Params) {
  if (t.assignee_account_id) return tellAccount(db, t.assignee_account_id, template, params);
  const q = bound(db);
  const rows =
    t.handler_kind === 'company'
      ? await q
          .where((eb) =>
            eb.or([
              eb.and([eb('role_bindings.role', '=', 'company_admin'), eb('role_bindings.scope_id', '=', t.company_id)]),
              eb.and([
                eb('role_bindings.role', '=', 'project_manager'),
                eb('role_bindings.scope_id', '=', t.estate_id),
              ]),
            ]),
          )
          .execute()
      : await q
          .where('role_bindings.role', '=', t.handler_kind === 'community' ? 'community' : 'street_office')
          .where(sql.val(t.region_path), 'like', sql<string>`role_bindings.scope_path || '%'`)
          .execute();
  await tellAll(
    db,
    rows.map((r) => r.account_id),
    template,
    params,
  );
}
