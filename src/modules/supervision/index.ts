import './messages.ts';
import './tables.ts';
import './mediation-tables.ts';

/** Supervision: credit evaluation with published rankings and red/black lists and the mediation ledger (inspections next). */
export { isBarredFromTendering } from './evaluation.ts';
export { recordCredit } from './records.ts';
export { supervisionRoutes } from './routes.ts';
export { mediationRoutes } from './routes-mediation.ts';
