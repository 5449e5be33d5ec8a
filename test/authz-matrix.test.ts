import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '../src/kernel/auth/roles.ts';
import { allows } from '../src/kernel/http.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

/**
 * Every API route × every role: a role the route's policy does not name is refused with 403
 * (401 when anonymous) before anything runs; a role it names gets past the gate.
 */

const USERNAMES: Record<Exclude<Role, 'resident'>, string> = {
  city_regulator: 'city.admin',
  district_regulator: 'jiangnan.admin',
  street_office: 'wangjiang.street',
  community: 'wangjiang.community',
  department: 'dept.chengguan',
  company_admin: 'company.admin',
  company_staff: 'company.staff',
  project_manager: 'project.manager',
  committee_member: 'committee.member',
};

/** Routes whose handler refuses some roles the gate lets through, on purpose. */
const HANDLER_REFUSALS: Record<string, Role[]> = {
  'POST /api/v1/auth/tokens': ['resident'], // residents get no integration tokens
};

let t: TestApp;
const clients = new Map<Role | 'anonymous', Client>();

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  for (const [role, username] of Object.entries(USERNAMES)) clients.set(role as Role, await t.as(username));
  clients.set('resident', await residentLogin(t, DEMO_RESIDENT_PHONE));
  clients.set('anonymous', t.anonymous);
});
after(() => t.close());

const placeholder = '01890000-0000-7000-8000-000000000000';
const fill = (url: string) => url.replace(/:(\w+)/g, placeholder);

test('every route declares a policy and the catalogue covers the API', () => {
  const routes = t.app.routeCatalog;
  assert.ok(routes.length >= 40, `only ${routes.length} routes catalogued`);
  for (const r of routes) assert.ok(r.policy, `${r.method} ${r.url}`);
});

test('authorisation matrix: every route × every role', async () => {
  const failures: string[] = [];
  let checked = 0;
  for (const route of t.app.routeCatalog) {
    if (route.url === '/api/v1/auth/logout' || route.url === '/api/v1/auth/logout-all') continue; // would end the session; covered in auth tests
    for (const role of [...ROLES, 'anonymous' as const]) {
      const client = clients.get(role) as Client;
      const actor = role === 'anonymous' ? null : { role };
      const allowed = actor
        ? allows(route.policy, {
            accountId: 'x',
            kind: 'staff',
            displayName: '',
            personId: null,
            via: 'session',
            bindings: [{ role: actor.role, scopeType: 'none', scopeId: null, scopePath: null }],
          })
        : route.policy === 'public';
      const res = await client.request({
        method: route.method as 'GET',
        url: fill(route.url),
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      checked += 1;
      const refused = res.statusCode === 401 || res.statusCode === 403;
      const key = `${route.method} ${route.url}`;
      const handlerRefuses = (HANDLER_REFUSALS[key] ?? []).includes(role as Role);
      if (!allowed && !refused) failures.push(`${key} as ${role}: expected 401/403, got ${res.statusCode}`);
      if (allowed && refused && !handlerRefuses)
        failures.push(`${key} as ${role}: expected to pass the gate, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      if (!allowed && role === 'anonymous' && res.statusCode !== 401)
        failures.push(`${key} anonymous: expected 401, got ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked > 400, `checked ${checked}`);
});
