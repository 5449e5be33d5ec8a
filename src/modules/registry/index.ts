import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthHooks } from '../../kernel/auth/routes.ts';
import './messages.ts';
import './tables.ts';
import { importRoutes } from './import/routes.ts';
import { namesOf } from './lookups.ts';
import { findOwnerByPhone } from './owners.ts';
import { accountRoutes } from './routes-accounts.ts';
import { committeeRoutes } from './routes-committees.ts';
import { partyRoutes } from './routes-parties.ts';
import { placeRoutes } from './routes-places.ts';

/** The registry module: the base data every other module hangs off. */
export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(placeRoutes);
  await app.register(partyRoutes);
  await app.register(committeeRoutes);
  await app.register(accountRoutes);
  await app.register(importRoutes);
};

export const registryAuthHooks: AuthHooks = {
  findResidentByPhone: findOwnerByPhone,
  scopeNames: (db, bindings) =>
    namesOf(
      db,
      bindings.map((b) => b.scopeId),
    ),
};

export { coversEstate } from './access.ts';
export { committeeForUpdate, fillVacancies, seatCommittee } from './committees.ts';
export { effectiveArea, isValidResidentId, isValidUscc, maskPhone, maskResidentId } from './identifiers.ts';
export {
  activeCompanies,
  activeOwnersCommittee,
  companyInView,
  departmentFor,
  departmentsIn,
  type EstatePlace,
  estateCodes,
  estatePlace,
  estatesInView,
  estatesOfCompany,
  findEstate,
  namesOf,
  ownerContacts,
  ownerOfUnit,
  publicCompany,
  type ReportingContext,
  reportingContext,
  searchCompanies,
  type VotingUnit,
  votingUnits,
} from './lookups.ts';
export { findOwnerByPhone } from './owners.ts';
export { companiesServingRegion, districts, searchEstates, staffMember, staffNames } from './party-lookups.ts';
export { companyVisible, estateVisible, visibleEstateIds } from './scope.ts';
export {
  billableUnits,
  ownedUnitEstate,
  type UnitPlace,
  unitIdsOf,
  unitLabels,
  unitPlace,
  unitsOfPerson,
} from './unit-lookups.ts';
