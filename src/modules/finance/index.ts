import './messages.ts';
import './tables.ts';
import './bill-run.ts';

/** The finance module: the double-entry ledger under fees, public revenue and the maintenance fund. */
export { apportion } from './apportion.ts';
export { ACCOUNTS, type AccountCode, accountIds, balances, type EntryInput, post, reverse } from './ledger.ts';
export { financeRoutes } from './routes.ts';
export { seedFinanceDemo } from './seed.ts';
export { type LedgerReport, verifyLedger } from './verify.ts';
