import './messages.ts';
import './tables.ts';

/** Supervision: credit evaluation with published rankings and red/black lists (inspections and mediation next). */
export { isBarredFromTendering } from './evaluation.ts';
export { recordCredit } from './records.ts';
export { supervisionRoutes } from './routes.ts';
