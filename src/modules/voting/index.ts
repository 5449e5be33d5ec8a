import './messages.ts';
import './tables.ts';

export { createMatter } from './matters.ts';
export { decisionOf } from './queries.ts';
/** The voting module: owners' joint decisions under Civil Code art. 278. */
export { votingRoutes } from './routes.ts';
export { committeeMaySpend } from './rules.ts';
export { seedVotingDemo } from './seed.ts';
export { type ElectionResult, type Figures, tallyElection, tallyMatter } from './tally.ts';
