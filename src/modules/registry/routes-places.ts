import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { respondList } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { Page } from '../../kernel/pagination.ts';
import * as estates from './estates.ts';
import { estateColumns, ownerColumns, unitColumns } from './exports.ts';
import * as owners from './owners.ts';
import { registryPolicy as P } from './policy.ts';
import * as S from './schemas.ts';
import { estateSummary } from './summary.ts';
import * as units from './units.ts';

/** Regions, estates, buildings, units and owners. */
export const placeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['registry'];

  app.get(
    '/api/v1/regions',
    {
      config: { policy: P.readRegions },
      schema: {
        tags,
        summary: 'Region tree (city > district > street > community), flat',
        response: { 200: Type.Array(S.Region) },
      },
    },
    async () => estates.listRegions(db),
  );
  app.post(
    '/api/v1/regions',
    { config: { policy: P.editRegions }, schema: { tags, body: S.RegionCreate, response: { 201: S.Region } } },
    async (req, reply) => reply.status(201).send(await estates.createRegion(db, ctxOf(req), req.body)),
  );

  const EstateList = S.ListQuery({
    regionId: Type.Optional(S.Id),
    companyId: Type.Optional(S.Id),
    serviceGrade: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    managementMode: Type.Optional(Type.String({ maxLength: 30 })),
  });
  app.get(
    '/api/v1/estates',
    {
      config: { policy: P.readEstates },
      schema: {
        tags,
        summary: 'Estates in the caller’s scope',
        querystring: EstateList,
        response: { 200: Page(S.Estate) },
      },
    },
    async (req, reply) =>
      respondList(req, reply, 'estates', estateColumns, (filter, all) =>
        estates.listEstates(db, ctxOf(req), filter, all),
      ),
  );
  app.get(
    '/api/v1/estates/summary',
    {
      config: { policy: P.readEstates },
      schema: { tags, summary: 'Counts over every estate in the caller’s scope, for the home page' },
    },
    async (req) => estateSummary(db, ctxOf(req)),
  );
  app.get(
    '/api/v1/estates/:id',
    { config: { policy: P.readEstates }, schema: { tags, params: S.IdParams, response: { 200: S.Estate } } },
    async (req) => estates.getEstate(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/estates',
    { config: { policy: P.editEstates }, schema: { tags, body: S.EstateCreate, response: { 201: S.Estate } } },
    async (req, reply) => reply.status(201).send(await estates.createEstate(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/estates/:id',
    {
      config: { policy: P.editEstates },
      schema: { tags, params: S.IdParams, body: S.EstatePatch, response: { 200: S.Estate } },
    },
    async (req) => estates.patchEstate(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/estates/:id/buildings',
    {
      config: { policy: P.readEstates },
      schema: { tags, params: S.IdParams, response: { 200: Type.Array(S.Building) } },
    },
    async (req) => estates.listBuildings(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/estates/:id/buildings',
    {
      config: { policy: P.editUnits },
      schema: { tags, params: S.IdParams, body: S.BuildingCreate, response: { 201: S.Building } },
    },
    async (req, reply) => reply.status(201).send(await estates.createBuilding(db, ctxOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/buildings/:id',
    {
      config: { policy: P.editUnits },
      schema: { tags, params: S.IdParams, body: S.BuildingPatch, response: { 200: S.Building } },
    },
    async (req) => estates.patchBuilding(db, ctxOf(req), req.params.id, req.body),
  );

  const UnitList = S.ListQuery({
    estateId: Type.Optional(S.Id),
    buildingId: Type.Optional(S.Id),
    use: Type.Optional(Type.String({ maxLength: 20 })),
  });
  app.get(
    '/api/v1/units',
    { config: { policy: P.readEstates }, schema: { tags, querystring: UnitList, response: { 200: Page(S.Unit) } } },
    async (req, reply) =>
      respondList(req, reply, 'units', unitColumns, (filter, all) => units.listUnits(db, ctxOf(req), filter, all)),
  );
  app.get(
    '/api/v1/units/:id',
    { config: { policy: P.readEstates }, schema: { tags, params: S.IdParams, response: { 200: S.Unit } } },
    async (req) => units.getUnit(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/units',
    { config: { policy: P.editUnits }, schema: { tags, body: S.UnitCreate, response: { 201: S.Unit } } },
    async (req, reply) => reply.status(201).send(await units.createUnit(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/units/:id',
    {
      config: { policy: P.editUnits },
      schema: { tags, params: S.IdParams, body: S.UnitPatch, response: { 200: S.Unit } },
    },
    async (req) => units.patchUnit(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/units/:id/owners',
    {
      config: { policy: P.editUnits },
      schema: {
        tags,
        summary: 'Add an owner (co-ownership allowed)',
        params: S.IdParams,
        body: S.OwnershipCreate,
        response: { 201: S.Unit },
      },
    },
    async (req, reply) => reply.status(201).send(await owners.addOwner(db, ctxOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/units/:id/owners/:personId',
    {
      config: { policy: P.editUnits },
      schema: { tags, params: Type.Object({ id: S.Id, personId: S.Id }), response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await owners.removeOwner(db, ctxOf(req), req.params.id, req.params.personId);
      return reply.status(204).send(null);
    },
  );

  const OwnerList = S.ListQuery({ estateId: Type.Optional(S.Id) });
  app.get(
    '/api/v1/owners',
    {
      config: { policy: P.readOwners },
      schema: {
        tags,
        summary: 'Owners in the caller’s estates (masked)',
        querystring: OwnerList,
        response: { 200: Page(S.Person) },
      },
    },
    async (req, reply) =>
      respondList(req, reply, 'owners', ownerColumns, (filter, all) => owners.listOwners(db, ctxOf(req), filter, all)),
  );
  app.get(
    '/api/v1/persons/:id/pii',
    {
      config: { policy: P.readPersonalData },
      schema: {
        tags,
        summary: 'Full phone and ID number (audited)',
        params: S.IdParams,
        response: { 200: S.PersonPii },
      },
    },
    async (req) => owners.readPersonPii(db, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/persons/:id',
    {
      config: { policy: P.editUnits },
      schema: { tags, params: S.IdParams, body: S.PersonPatch, response: { 200: Type.Omit(S.Person, ['units']) } },
    },
    async (req) => owners.patchPerson(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/me/units',
    {
      config: { policy: P.resident },
      schema: { tags: ['resident'], summary: 'My units', response: { 200: Type.Array(S.Unit) } },
    },
    async (req) => units.myUnits(db, ctxOf(req)),
  );
  app.get(
    '/api/v1/me/profile',
    {
      config: { policy: P.resident },
      schema: {
        tags: ['resident'],
        summary: 'My profile',
        response: {
          200: Type.Object({
            id: Type.Union([Type.String(), Type.Null()]),
            name: Type.String(),
            phone: Type.Union([Type.String(), Type.Null()]),
            idNumber: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => owners.myProfile(db, ctxOf(req)),
  );
};
