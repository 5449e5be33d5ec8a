/** Shapes of the work-order API (src/modules/workorders/schemas.ts), as the client reads them. */
export interface Clock {
  amount: number;
  unit: 'minutes' | 'hours' | 'working_days';
}
export interface Category {
  id: string;
  parentId: string | null;
  level: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string | null;
  handler: string | null;
  departmentKind: string | null;
  priority: string | null;
  response: Clock | null;
  resolution: Clock | null;
  sort: number;
  active: boolean;
  version: number;
}
export interface TicketSummary {
  id: string;
  number: string;
  state: string;
  kind: string;
  priority: string;
  description: string;
  estateName: string;
  placeKind: string;
  placeText: string | null;
  reporterName: string | null;
  responsibleKind: string;
  responsibleName: string | null;
  departmentName: string | null;
  assigneeName: string | null;
  categoryName?: string;
  submittedAt: string;
  resolutionDue: string | null;
  overdue: boolean;
  responseOverdue: boolean;
  paused: boolean;
  satisfaction: string | null;
  version: number;
}
export interface TimelineEntry {
  id: string;
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string;
  actorParty: string;
  note: string | null;
  reason: string | null;
  photoIds: string[];
  internal: boolean;
  at: string;
}
export interface TicketDetail extends TicketSummary {
  categoryId: string;
  categoryPath: string;
  feedbackComment: string | null;
  allowedActions: string[];
  photos: { id: string; eventId: string | null; url: string }[];
  timeline: TimelineEntry[];
  whistles: { departmentId: string; departmentName: string; reportDue: string; reportedAt: string | null }[];
}
export interface Handler {
  id: string;
  name: string;
  role: string;
}
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}
export interface MetricsRow {
  key: string | null;
  name: string | null;
  counters: Record<string, number>;
  responseRate: Rate;
  resolutionRate: Rate;
  satisfactionRate: Rate;
  onTimeRate: Rate;
  reworkRate: Rate;
  dispatchAccuracy: Rate;
  reportRate: Rate | null;
}
export interface TransitionBody {
  action: string;
  note?: string;
  reason?: string;
  assigneeAccountId?: string;
  departmentId?: string;
  duplicateOf?: string;
  categoryId?: string;
  feedback?: { solved: boolean; satisfaction: string; comment?: string };
}
