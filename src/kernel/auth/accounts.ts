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
