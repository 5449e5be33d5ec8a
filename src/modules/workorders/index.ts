import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import './messages.ts';
import './tables.ts';
import { open311Routes } from './open311/routes.ts';
import { ticketRoutes } from './routes.ts';
import { configRoutes } from './routes-config.ts';

/** The work-order module: repairs and complaints in a closed loop, 吹哨报到, SLA clocks, metrics. */
export const workorderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(ticketRoutes);
  await app.register(configRoutes);
  await app.register(open311Routes);
};

export { ensureDefaults as ensureWorkorderDefaults } from './config.ts';
export { createTicket, type TicketInput } from './intake.ts';
export { isOpen311Closed, STATES } from './machine.ts';
export { type Rate, ratesOf } from './metrics.ts';
export { getTicket, listTickets } from './queries.ts';
export { seedWorkorderDemo } from './seed.ts';
export { type GroupBy, type MetricsFilter, type MetricsRow, workorderMetrics } from './stats.ts';
export { defineWorkorderJobs, sweepClocks } from './sweep.ts';
