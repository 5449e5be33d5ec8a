import './messages.ts';
import './tables.ts';
import './mediation-tables.ts';
import './inspection-tables.ts';
import './rectifications.ts';
import './auto-records.ts';

/** Supervision: credit evaluation with published rankings and red/black lists inspections with rectification, and the mediation ledger. */
export { isBarredFromTendering } from './rankings.ts';
export { recordAutomatic } from './records.ts';
export { supervisionRoutes } from './routes.ts';
export { inspectionRoutes } from './routes-inspections.ts';
export { mediationRoutes } from './routes-mediation.ts';
export { portalRoutes } from './routes-portal.ts';
export { seedSupervisionDemo } from './seed.ts';
