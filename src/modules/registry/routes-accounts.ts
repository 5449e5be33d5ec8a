import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '../../kernel/auth/roles.ts';
import { ctxOf } from '../../kernel/http.ts';
import { Page, PageQuery } from '../../kernel/pagination.ts';
import * as accounts from './accounts.ts';
import { registryPolicy as P } from './policy.ts';
import { Id, IdParams, Version } from './schemas.ts';

const Account = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Type.String(),
  disabled: Type.Boolean(),
  version: Type.Integer(),
  bindings: Type.Array(
    Type.Object({ role: Type.String(), scopeType: Type.String(), scopeId: Type.Union([Type.String(), Type.Null()]) }),
  ),
});
const Password = Type.String({ minLength: 8, maxLength: 200 });

/** Staff accounts and their role bindings, managed by those who may grant them. */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['accounts'];
  app.get(
    '/api/v1/accounts',
    {
      config: { policy: P.manageAccounts },
      schema: {
        tags,
        querystring: Type.Object(
          { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Account) },
      },
    },
    async (req) => accounts.listAccounts(db, ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/accounts',
    {
      config: { policy: P.manageAccounts },
      schema: {
        tags,
        summary: 'Create a staff account with its roles',
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-zA-Z0-9._-]{3,50}$' }),
            password: Password,
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            bindings: Type.Array(
              Type.Object(
                { role: Type.Union(ROLES.map((r) => Type.Literal(r))), scopeId: Type.Union([Id, Type.Null()]) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 10 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await accounts.createAccount(db, ctxOf(req), req.body) }),
  );
  app.patch(
    '/api/v1/accounts/:id',
    {
      config: { policy: P.manageAccounts },
      schema: {
        tags,
        summary: 'Rename, disable or reset the password (ends the account’s sessions)',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            username: Type.String(),
            displayName: Type.String(),
            disabled: Type.Boolean(),
            version: Type.Integer(),
          }),
        },
      },
    },
    async (req) => accounts.patchAccount(db, ctxOf(req), req.params.id, req.body),
  );
};
