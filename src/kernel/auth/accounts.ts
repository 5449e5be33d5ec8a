import type { Executor } from '../db.ts';
import { newId } from '../ids.ts';
import { hashPassword } from './passwords.ts';
import type { Binding } from './roles.ts';

export type BindingInput = Omit<Binding, 'scopePath'> & { scopePath?: string | null };

/** Creates a password account with its role bindings. Callers check who may grant which scope. */
export async function createPasswordAccount(
  db: Executor,
  input: {
    username: string;
    password: string;
    displayName: string;
    kind?: 'staff' | 'integration';
    personId?: string | null;
    phone?: string | null;
  },
  bindings: BindingInput[],
): Promise<string> {
  const id = newId();
  await db
    .insertInto('accounts')
    .values({
      id,
      kind: input.kind ?? 'staff',
      username: input.username.trim().toLowerCase(),
      phone: input.phone ?? null,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName,
      person_id: input.personId ?? null,
    })
    .execute();
  if (bindings.length) {
    await db
      .insertInto('role_bindings')
      .values(
        bindings.map((b) => ({
          id: newId(),
          account_id: id,
          role: b.role,
          scope_type: b.scopeType,
          scope_id: b.scopeId,
          scope_path: b.scopePath ?? null,
        })),
      )
      .execute();
  }
  return id;
}

/** Display names by account id: who requested, who approved, shown beside a decision. */
export async function accountNames(db: Executor, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Enabled accounts holding one of these roles, with the region each binding covers: for choosing who acts. */
export async function accountsWithRoles(db: Executor, roles: readonly string[]) {
  const rows = await db
    .selectFrom('role_bindings')
    .innerJoin('accounts', 'accounts.id', 'role_bindings.account_id')
    .select([
      'accounts.id',
      'accounts.display_name as name',
      'role_bindings.role',
      'role_bindings.scope_path as scopePath',
    ])
    .where('role_bindings.role', 'in', [...roles])
    .where('accounts.disabled', '=', false)
    .orderBy('accounts.display_name')
    .execute();
  return rows;
}
