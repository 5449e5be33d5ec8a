import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { respondList } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { Page } from '../../kernel/pagination.ts';
import * as companies from './companies.ts';
import { companyColumns, staffColumns } from './exports.ts';
import * as parties from './parties.ts';
import { registryPolicy as P } from './policy.ts';
import * as S from './schemas.ts';
import * as staff from './staff.ts';

/** Companies, staff and departments. */
export const partyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['registry'];

  const CompanyList = S.ListQuery({ status: Type.Optional(Type.String({ maxLength: 20 })) });
  app.get(
    '/api/v1/companies',
    {
      config: { policy: P.readCompanies },
      schema: { tags, querystring: CompanyList, response: { 200: Page(S.Company) } },
    },
    async (req, reply) =>
      respondList(req, reply, 'companies', companyColumns, (filter, all) =>
        companies.listCompanies(db, ctxOf(req), filter, all),
      ),
  );
  app.get(
    '/api/v1/companies/:id',
    { config: { policy: P.readCompanies }, schema: { tags, params: S.IdParams, response: { 200: S.Company } } },
    async (req) => companies.getCompany(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/companies',
    { config: { policy: P.createCompanies }, schema: { tags, body: S.CompanyCreate, response: { 201: S.Company } } },
    async (req, reply) => reply.status(201).send(await companies.createCompany(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/companies/:id',
    {
      config: { policy: P.editCompanies },
      schema: { tags, params: S.IdParams, body: S.CompanyPatch, response: { 200: S.Company } },
    },
    async (req) =>
      companies.patchCompany(db, ctxOf(req), req.params.id, req.body as Parameters<typeof companies.patchCompany>[3]),
  );

  const StaffList = S.ListQuery({
    companyId: Type.Optional(S.Id),
    estateId: Type.Optional(S.Id),
    position: Type.Optional(Type.String({ maxLength: 30 })),
  });
  app.get(
    '/api/v1/staff',
    {
      config: { policy: P.readStaff },
      schema: { tags, querystring: StaffList, response: { 200: Page(S.StaffMember) } },
    },
    async (req, reply) =>
      respondList(req, reply, 'staff', staffColumns, (filter, all) => staff.listStaff(db, ctxOf(req), filter, all)),
  );
  app.post(
    '/api/v1/staff',
    { config: { policy: P.editStaff }, schema: { tags, body: S.StaffCreate, response: { 201: S.StaffMember } } },
    async (req, reply) => reply.status(201).send(await staff.createStaff(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/staff/:id',
    {
      config: { policy: P.editStaff },
      schema: { tags, params: S.IdParams, body: S.StaffPatch, response: { 200: S.StaffMember } },
    },
    async (req) => staff.patchStaff(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/staff/:id/pii',
    {
      config: { policy: P.readPersonalData },
      schema: {
        tags,
        summary: 'Full phone and ID number (audited)',
        params: S.IdParams,
        response: { 200: S.PersonPii },
      },
    },
    async (req) => staff.readStaffPii(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/departments',
    {
      config: { policy: P.readDepartments },
      schema: {
        tags,
        summary: 'Departments and the categories they answer for',
        response: { 200: Type.Array(S.Department) },
      },
    },
    async () => parties.listDepartments(db),
  );
  app.post(
    '/api/v1/departments',
    {
      config: { policy: P.editDepartments },
      schema: { tags, body: S.DepartmentCreate, response: { 201: S.Department } },
    },
    async (req, reply) => reply.status(201).send(await parties.createDepartment(db, ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/departments/:id',
    {
      config: { policy: P.editDepartments },
      schema: { tags, params: S.IdParams, body: S.DepartmentPatch, response: { 200: S.Department } },
    },
    async (req) => parties.patchDepartment(db, ctxOf(req), req.params.id, req.body),
  );
};
