/**
 * The handling metrics cities judge by, as pure arithmetic. Each ticket contributes a vector of 0/1 counters
 * (by its state now); rollups keep the sums, so a rate is two sums divided. The period is the month a ticket
 * was submitted (a cohort): a ticket's late events still count towards the month it came in.
 */
export interface TicketFacts {
  dispatchedAt: Date | null;
  respondedAt: Date | null;
  responseDue: Date | null;
  feedbackSolved: boolean | null;
  satisfaction: string | null;
  resolvedAt: Date | null;
  resolvedLate: boolean | null;
  breached: boolean;
  closedCount: number;
  reopenCount: number;
  declineCount: number;
  rerouteCount: number;
  whistleCount: number;
  reportedInTime: number;
}

export const COUNTERS = [
  'tickets',
  'dispatched',
  'responded_in_time',
  'fed_back',
  'solved',
  'rated',
  'satisfied',
  'due',
  'on_time',
  'closed',
  'reopened',
  'misrouted',
  'whistles',
  'reported_in_time',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

const bit = (b: boolean) => (b ? 1 : 0);

export function countersOf(f: TicketFacts): Counters {
  const dispatched = f.dispatchedAt !== null;
  return {
    tickets: 1,
    dispatched: bit(dispatched),
    // A response counts once someone started handling it (接单/到场), before the response deadline.
    responded_in_time: bit(
      dispatched && f.respondedAt !== null && (f.responseDue === null || f.respondedAt <= f.responseDue),
    ),
    fed_back: bit(f.feedbackSolved !== null),
    solved: bit(f.feedbackSolved === true),
    rated: bit(f.satisfaction !== null),
    satisfied: bit(f.satisfaction === 'satisfied' || f.satisfaction === 'basically_satisfied'),
    // Due: its deadline has come, either by resolution or by a breach.
    due: bit(f.resolvedAt !== null || f.breached),
    on_time: bit(f.resolvedAt !== null && f.resolvedLate === false),
    closed: bit(f.closedCount > 0),
    reopened: bit(f.reopenCount > 0),
    // Counted per ticket, so the accuracy stays within 0–100 % however often one ticket bounced.
    misrouted: bit(f.declineCount + f.rerouteCount > 0),
    // Whistles are counted one by one: a ticket may be whistled again after a decline.
    whistles: f.whistleCount,
    reported_in_time: f.reportedInTime,
  };
}

export const ZERO: Counters = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

export function difference(after: Counters, before: Counters): Counters {
  return Object.fromEntries(COUNTERS.map((c) => [c, after[c] - before[c]])) as Counters;
}

/** A rate as an exact fraction; `value` is for display only (null when nothing was counted). */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}
const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  value: denominator ? numerator / denominator : null,
});

export interface Rates {
  responseRate: Rate; // 响应率
  resolutionRate: Rate; // 解决率
  satisfactionRate: Rate; // 满意率
  onTimeRate: Rate; // 按时办结率
  reworkRate: Rate; // 重办率
  dispatchAccuracy: Rate; // 派单准确率
  reportRate: Rate; // 部门报到及时率
}

export function ratesOf(c: Counters): Rates {
  return {
    responseRate: rate(c.responded_in_time, c.dispatched),
    resolutionRate: rate(c.solved, c.fed_back),
    satisfactionRate: rate(c.satisfied, c.rated),
    onTimeRate: rate(c.on_time, c.due),
    reworkRate: rate(c.reopened, c.closed),
    // 1 − (declined + rerouted) ÷ dispatched, kept as the fraction of dispatches that went right the first time
    dispatchAccuracy: rate(c.dispatched - Math.min(c.misrouted, c.dispatched), c.dispatched),
    // whistles answered (报到) before their deadline ÷ whistles
    reportRate: rate(c.reported_in_time, c.whistles),
  };
}
