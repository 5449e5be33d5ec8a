import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { type BindingInput, createPasswordAccount } from '../../kernel/auth/accounts.ts';
import { hashPassword } from '../../kernel/auth/passwords.ts';
import { type Actor, type Binding, ROLE_SCOPE, type Role } from '../../kernel/auth/roles.ts';
import { revokeAllSessions } from '../../kernel/auth/sessions.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { decodeCursor, pageOf } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';

/**
 * Staff accounts and the roles they hold. Who may grant what:
 * the city regulator anything in the city; a district regulator the street, community and estate roles
 * inside the district (and district colleagues); a company admin staff and project-manager roles in its company.
 */

type Scope = {
  scopeType: Binding['scopeType'];
  scopeId: string | null;
  scopePath: string | null;
  companyId?: string | null;
};

/** Resolves a requested scope id for a role to its type and region path. */
async function resolveScope(db: Executor, role: Role, scopeId: string | null): Promise<Scope> {
  for (const scopeType of ROLE_SCOPE[role]) {
    if (scopeType === 'none') return { scopeType, scopeId: null, scopePath: null };
    if (!scopeId) continue;
    if (scopeType === 'region') {
      const r = await db.selectFrom('regions').select(['path', 'level']).where('id', '=', scopeId).executeTakeFirst();
      const level = {
        city_regulator: 'city',
        district_regulator: 'district',
        street_office: 'street',
        community: 'community',
      }[role as string];
      if (r && r.level === level) return { scopeType, scopeId, scopePath: r.path };
    }
    if (scopeType === 'estate') {
      const e = await db
        .selectFrom('estates')
        .select(['region_path', 'company_id'])
        .where('id', '=', scopeId)
        .executeTakeFirst();
      if (e) return { scopeType, scopeId, scopePath: e.region_path, companyId: e.company_id };
    }
    if (scopeType === 'company') {
      const c = await db.selectFrom('companies').select('id').where('id', '=', scopeId).executeTakeFirst();
      if (c) return { scopeType, scopeId, scopePath: null, companyId: c.id };
    }
    if (scopeType === 'department') {
      const d = await db
        .selectFrom('departments')
        .innerJoin('regions', 'regions.id', 'departments.region_id')
        .select('regions.path')
        .where('departments.id', '=', scopeId)
        .executeTakeFirst();
      if (d) return { scopeType, scopeId, scopePath: d.path };
    }
  }
  throw new DomainError('validation', 400, {}, [
    { field: 'bindings.scopeId', code: 'registry.scope_mismatch', params: { role } },
  ]);
}

const DISTRICT_GRANTS: Role[] = [
  'district_regulator',
  'street_office',
  'community',
  'project_manager',
  'committee_member',
  'company_staff',
];
const COMPANY_GRANTS: Role[] = ['company_staff', 'project_manager'];

export function mayGrant(actor: Actor, role: Role, scope: Scope): boolean {
  return actor.bindings.some((b) => {
    if (b.role === 'city_regulator')
      return scope.scopePath === null || (!!b.scopePath && scope.scopePath.startsWith(b.scopePath));
    if (b.role === 'district_regulator')
      return (
        DISTRICT_GRANTS.includes(role) &&
        scope.scopeType !== 'company' &&
        !!b.scopePath &&
        !!scope.scopePath?.startsWith(b.scopePath)
      );
    if (b.role === 'company_admin')
      return COMPANY_GRANTS.includes(role) && !!b.scopeId && scope.companyId === b.scopeId;
    return false;
  });
}

/** Accounts with at least one binding the caller could have granted. */
function accountVisible(actor: Actor) {
  return sql<boolean>`EXISTS (SELECT 1 FROM role_bindings rb
      LEFT JOIN estates e ON rb.scope_type = 'estate' AND e.id = rb.scope_id
      WHERE rb.account_id = accounts.id AND (${sql.join(
        actor.bindings
          .map((b) => {
            if (b.role === 'city_regulator') return sql`true`;
            if (b.role === 'district_regulator' && b.scopePath) return sql`rb.scope_path LIKE ${`${b.scopePath}%`}`;
            if (b.role === 'company_admin' && b.scopeId)
              return sql`(rb.scope_id = ${b.scopeId} OR e.company_id = ${b.scopeId})`;
            return null;
          })
          .filter((x) => x !== null)
          .concat([sql`false`]),
        sql` OR `,
      )}))`;
}

export async function listAccounts(
  db: Executor,
  ctx: RequestContext,
  f: { q?: string; cursor?: string; limit?: number },
) {
  let q = db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'kind', 'disabled', 'version', 'created_at'])
    .where('kind', '!=', 'resident')
    .where(accountVisible(ctx.actor));
  if (f.q) q = q.where((eb) => eb.or([eb('username', 'ilike', `%${f.q}%`), eb('display_name', 'ilike', `%${f.q}%`)]));
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where((eb) => eb(eb.refTuple('username', 'id'), '>', eb.tuple(String(cursor.key), cursor.id)));
  const limit = f.limit ?? 50;
  const rows = await q
    .orderBy('username')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const bindings = rows.length
    ? await db
        .selectFrom('role_bindings')
        .select(['account_id', 'role', 'scope_type', 'scope_id'])
        .where(
          'account_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    username: r.username ?? '',
    displayName: r.display_name,
    kind: r.kind,
    disabled: r.disabled,
    version: r.version,
    bindings: bindings
      .filter((b) => b.account_id === r.id)
      .map((b) => ({ role: b.role, scopeType: b.scope_type, scopeId: b.scope_id })),
  }));
  return pageOf(items, limit, (a) => a.username);
}

export async function createAccount(
  db: Executor,
  ctx: RequestContext,
  input: {
    username: string;
    password: string;
    displayName: string;
    bindings: { role: Role; scopeId: string | null }[];
  },
) {
  return db.transaction().execute(async (trx) => {
    const bindings: BindingInput[] = [];
    for (const b of input.bindings) {
      if (b.role === 'resident')
        throw new DomainError('validation', 400, {}, [{ field: 'bindings.role', code: 'validation.enum' }]);
      const scope = await resolveScope(trx, b.role, b.scopeId);
      if (!mayGrant(ctx.actor, b.role, scope)) throw forbidden();
      bindings.push({ role: b.role, scopeType: scope.scopeType, scopeId: scope.scopeId, scopePath: scope.scopePath });
    }
    const taken = await trx
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', input.username.trim().toLowerCase())
      .executeTakeFirst();
    if (taken) throw new DomainError('registry.duplicate', 409, { what: 'username', value: input.username });
    const id = await createPasswordAccount(trx, input, bindings);
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'account',
      entityId: id,
      after: { username: input.username, displayName: input.displayName, bindings },
    });
    return id;
  });
}

/** Renames, disables (ending its sessions) or resets the password of an account the caller could have created. */
export async function patchAccount(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: { version: number; displayName?: string; disabled?: boolean; password?: string },
) {
  return db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', id)
      .where('kind', '!=', 'resident')
      .where(accountVisible(ctx.actor))
      .executeTakeFirst();
    if (!visible) throw notFound();
    const bindings = await trx
      .selectFrom('role_bindings')
      .select(['role', 'scope_type', 'scope_id', 'scope_path'])
      .where('account_id', '=', id)
      .execute();
    for (const b of bindings) {
      const scope = await resolveScope(trx, b.role as Role, b.scope_id);
      if (!mayGrant(ctx.actor, b.role as Role, scope)) throw forbidden();
    }
    const patch: Record<string, unknown> = {};
    if (input.displayName !== undefined) patch.display_name = input.displayName;
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    if (input.password !== undefined) patch.password_hash = await hashPassword(input.password);
    const { after } = await updateVersioned<{
      id: string;
      username: string;
      display_name: string;
      disabled: boolean;
      version: number;
    }>(trx, 'accounts', id, input.version, patch, false);
    if (input.disabled || input.password !== undefined) await revokeAllSessions(trx, id);
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'account',
      entityId: id,
      after: { displayName: input.displayName, disabled: input.disabled, passwordReset: input.password !== undefined },
    });
    return {
      id,
      username: after.username,
      displayName: after.display_name,
      disabled: after.disabled,
      version: after.version,
    };
  });
}
