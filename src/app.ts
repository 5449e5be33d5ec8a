import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes } from './kernel/auth/routes.ts';
import { defineKernelJobs } from './kernel/background.ts';
import type { Config } from './kernel/config.ts';
import type { DatabaseHandle } from './kernel/db.ts';
import { registerErrorHandling } from './kernel/errors.ts';
import { installAccessControl } from './kernel/http.ts';
import { newId } from './kernel/ids.ts';
import { kernelRoutes } from './kernel/routes.ts';
import { fileStore } from './kernel/storage.ts';
import { financeRoutes } from './modules/finance/index.ts';
import { registryAuthHooks, registryRoutes } from './modules/registry/index.ts';
import { inspectionRoutes, mediationRoutes, portalRoutes, supervisionRoutes } from './modules/supervision/index.ts';
import { votingRoutes } from './modules/voting/index.ts';
import { defineWorkorderJobs, ensureWorkorderDefaults, workorderRoutes } from './modules/workorders/index.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

/** Builds the whole server: kernel plugins, then one plugin per module. Tests and server.ts share it. */
export async function buildApp(handle: DatabaseHandle, config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    genReqId: () => newId(),
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', handle.db);
  app.decorate('config', config);
  app.decorate('blobs', fileStore(path.join(config.dataDir, 'blobs')));
  defineKernelJobs();
  defineWorkorderJobs();
  await ensureWorkorderDefaults(handle.db);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  installAccessControl(app);
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Anju 安居 API',
        version: '0.1.0',
        description: '智慧物业监管与服务平台 — open smart property-management platform',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'anju_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(kernelRoutes);
  await app.register(authRoutes(registryAuthHooks));
  await app.register(registryRoutes);
  await app.register(workorderRoutes);
  await app.register(votingRoutes);
  await app.register(financeRoutes);
  await app.register(supervisionRoutes);
  await app.register(portalRoutes);
  await app.register(mediationRoutes);
  await app.register(inspectionRoutes);

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // Client-side routes fall back to the single-page app; unknown API paths stay 404 problem+json.
    app.get('/*', { config: { policy: 'public' }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
