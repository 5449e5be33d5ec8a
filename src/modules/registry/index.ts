import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthHooks } from '../../kernel/auth/routes.ts';
import './messages.ts';
import './tables.ts';
import { importRoutes } from './import/routes.ts';
import { findOwnerByPhone } from './owners.ts';
import { accountRoutes } from './routes-accounts.ts';
import { partyRoutes } from './routes-parties.ts';
import { placeRoutes } from './routes-places.ts';

/** The registry module: the base data every other module hangs off. */
export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(placeRoutes);
  await app.register(partyRoutes);
  await app.register(accountRoutes);
  await app.register(importRoutes);
};

export const registryAuthHooks: AuthHooks = {
  findResidentByPhone: findOwnerByPhone,
  async scopeNames(db, bindings) {
    const ids = bindings.map((b) => b.scopeId).filter((x): x is string => !!x);
    if (!ids.length) return {};
    const rows = await db
      .selectFrom('regions')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .unionAll(db.selectFrom('estates').select(['id', 'name']).where('id', 'in', ids))
      .unionAll(db.selectFrom('companies').select(['id', 'name']).where('id', 'in', ids))
      .unionAll(db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids))
      .execute();
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  },
};

export { effectiveArea, isValidResidentId, isValidUscc, maskPhone, maskResidentId } from './identifiers.ts';
export { companyVisible, estateVisible, visibleEstateIds } from './scope.ts';
export { coversEstate } from './access.ts';
export {
  departmentFor,
  departmentsIn,
  estateCodes,
  type EstatePlace,
  estatePlace,
  estatesOfCompany,
  findEstate,
  namesOf,
  ownsUnitIn,
  personContact,
  placeLabel,
} from './lookups.ts';
