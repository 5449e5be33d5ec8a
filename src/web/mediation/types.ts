import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';

/** 矛盾纠纷调解: the API shapes the client reads (mirrors src/modules/supervision/mediation.ts). */
export const DISPUTES = '/api/v1/mediation/disputes';
export const FIGURES = '/api/v1/mediation/figures';
export const REFERRALS = '/api/v1/mediation/court-referrals';

export const KINDS = ['fees', 'service', 'public_revenue', 'neighbours', 'committee_handover', 'other'] as const;
export const LEVELS = ['community', 'street', 'district'] as const;
export const STATES = [
  'open',
  'mediated',
  'withdrawn',
  'failed',
  'referred',
  'filed',
  'court_mediated',
  'judged',
  'court_withdrawn',
] as const;
export type Kind = (typeof KINDS)[number];
export type Level = (typeof LEVELS)[number];
export type State = (typeof STATES)[number];

export interface Dispute {
  id: string;
  estateId: string;
  kind: Kind;
  applicant: string;
  respondent: string;
  claims: string;
  level: Level;
  state: State;
  agreement: string | null;
  court: string | null;
  caseNo: string | null;
  closedOn: string | null;
  version: number;
  createdAt: string;
  /** The estate's name: in the ledger and a dispute's details. */
  estate?: string;
}
export interface DisputeEvent {
  kind: string;
  level: Level;
  onDate: string;
  note: string | null;
  /** The name of who acted (null when the account is gone). */
  by: string | null;
}
/** The days the disputes were brought, both included (the ledger's and the figures' `from`/`to`). */
export interface Period {
  from?: string;
  to?: string;
}
export interface DisputeDetail extends Dispute {
  events: DisputeEvent[];
}
export interface Figures {
  total: number;
  open: number;
  mediated: number;
  mediatedCommunity: number;
  mediatedStreet: number;
  mediatedDistrict: number;
  referred: number;
  filed: number;
  courtMediated: number;
  judged: number;
}

/** Who mediates at each level (mediation.ts HANDLER); the server also checks the estate is theirs. */
const HANDLER: Record<Level, string> = {
  community: 'community',
  street: 'street_office',
  district: 'district_regulator',
};
export const nextLevel = (l: Level): Level | undefined => LEVELS[LEVELS.indexOf(l) + 1];

/** MEDIATORS: they bring disputes in at their level. */
export const canMediate = (me: Me | null | undefined) => rolesOf(me).some((r) => Object.values(HANDLER).includes(r));
/** The mediator of the level a dispute is at. */
export const holds = (me: Me | null | undefined, d: Dispute) => rolesOf(me).includes(HANDLER[d.level]);
/** COURT_DESK: the street office and the district refer to the court and record what it does. */
export const canDockCourt = (me: Me | null | undefined) =>
  rolesOf(me).some((r) => r === 'street_office' || r === 'district_regulator');
/** The court takes disputes that ended unsettled, or are still unsettled. */
export const referable = (d: Dispute) => d.state === 'failed' || d.state === 'open';
