import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { TicketRow } from './tables.ts';

/** Accounts that may work a ticket: the handling unit's own people. */
export function handlersOf(
  db: Executor,
  t: Pick<TicketRow, 'handler_kind' | 'company_id' | 'estate_id' | 'region_path'>,
) {
  const q = db
    .selectFrom('role_bindings')
    .innerJoin('accounts', 'accounts.id', 'role_bindings.account_id')
    .select(['accounts.id', 'accounts.display_name as name', 'role_bindings.role'])
    .where('accounts.disabled', '=', false);
  if (t.handler_kind === 'company')
    return q
      .where((eb) =>
        eb.or([
          eb.and([eb('role_bindings.scope_type', '=', 'company'), eb('role_bindings.scope_id', '=', t.company_id)]),
          eb.and([eb('role_bindings.scope_type', '=', 'estate'), eb('role_bindings.scope_id', '=', t.estate_id)]),
        ]),
      )
      .where('role_bindings.role', 'in', ['company_admin', 'company_staff', 'project_manager']);
  return q
    .where('role_bindings.role', '=', t.handler_kind === 'community' ? 'community' : 'street_office')
    .where(sql.val(t.region_path), 'like', sql<string>`role_bindings.scope_path || '%'`);
}

/**
 * Who gets the ticket: the person named; else the team named or, by rule, the company's team for this category
 * (level 2) and estate, taking turns among its members (the one assigned least recently goes next).
 */
export async function pickAssignee(
  trx: Executor,
  t: TicketRow,
  leafCode: string,
  input: { assigneeAccountId?: string; teamId?: string },
  now: Date,
): Promise<Pick<TicketRow, 'assignee_account_id' | 'team_id'>> {
  if (input.assigneeAccountId) {
    const ok = await handlersOf(trx, t).where('accounts.id', '=', input.assigneeAccountId).executeTakeFirst();
    if (!ok)
      throw new DomainError('workorders.assignee_invalid', 400, {}, [
        { field: 'assigneeAccountId', code: 'validation.required' },
      ]);
    return { assignee_account_id: input.assigneeAccountId, team_id: input.teamId ?? t.team_id };
  }
  const category = leafCode.split('.').slice(0, 2).join('.');
  let teams = trx
    .selectFrom('workorder_teams')
    .select('id')
    .where('company_id', '=', t.company_id ?? '00000000-0000-0000-0000-000000000000')
    .where((eb) =>
      eb.or([
        eb(sql<number>`cardinality(estate_ids)`, '=', 0),
        eb(sql.val(t.estate_id), '=', sql<string>`ANY(estate_ids)`),
      ]),
    );
  teams = input.teamId
    ? teams.where('id', '=', input.teamId)
    : teams
        .where((eb) =>
          eb.or([
            eb(sql<number>`cardinality(categories)`, '=', 0),
            eb(sql.val(category), '=', sql<string>`ANY(categories)`),
          ]),
        )
        // a team named for the category before a catch-all team
        .orderBy(sql`cardinality(categories) = 0`)
        .orderBy('name');
  const team = await teams.executeTakeFirst();
  if (!team)
    throw new DomainError('workorders.assignee_required', 400, {}, [
      { field: 'assigneeAccountId', code: 'validation.required' },
    ]);
  // Locking the member row makes two dispatchers take turns instead of picking the same person.
  const member = await trx
    .selectFrom('workorder_team_members')
    .select('account_id')
    .where('team_id', '=', team.id)
    .orderBy(sql`last_assigned_at NULLS FIRST`)
    .orderBy('account_id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!member)
    throw new DomainError('workorders.assignee_required', 400, {}, [
      { field: 'assigneeAccountId', code: 'validation.required' },
    ]);
  await trx
    .updateTable('workorder_team_members')
    .set({ last_assigned_at: now })
    .where('team_id', '=', team.id)
    .where('account_id', '=', member.account_id)
    .execute();
  return { assignee_account_id: member.account_id, team_id: team.id };
}
