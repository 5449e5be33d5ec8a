/** The voting API shapes the client reads (mirrors src/modules/voting/queries.ts and ballots.ts). */

export const MATTERS = '/api/v1/voting/matters';
export const ELECTION_ITEM = 3;
export const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export type Choice = 'agree' | 'oppose' | 'abstain';
export type Outcome = 'PASS' | 'FAIL' | 'NO_QUORUM';

export interface MatterSummary {
  id: string;
  estateId: string;
  item: number;
  title: string;
  state: string;
  phase: string;
  opensAt: string;
  closesAt: string;
  version: number;
}

export interface Candidate {
  id: string;
  name: string;
  nomination: string;
  statement: string | null;
}

/** Areas in 0.01 m². */
export interface Totals {
  totalArea: number;
  totalPersons: number;
  participatingArea: number;
  participatingPersons: number;
}
export interface MatterResult extends Totals {
  outcome: Outcome;
  agreeArea?: number;
  agreePersons?: number;
  opposeArea?: number;
  opposePersons?: number;
  abstainArea?: number;
  abstainPersons?: number;
  elected?: string[];
  alternates?: string[];
  unresolvedTie?: string[];
  candidates?: { id: string; agreeArea: number; agreePersons: number; qualified: boolean }[];
}

export interface Matter extends MatterSummary {
  body: string;
  scopeKind: string;
  noticeDays: number;
  seats: number | null;
  cancelReason: string | null;
  candidates: Candidate[];
  result: MatterResult | null;
}

export interface Participation {
  area: number;
  persons: number;
  votedArea: number;
  votedPersons: number;
  buildings: {
    buildingId: string;
    name: string;
    area: number;
    persons: number;
    votedArea: number;
    votedPersons: number;
  }[];
  notVoted: { units: string[] }[];
  /** All who have not voted; `notVoted` lists the first page of them. */
  notVotedTotal?: number;
}

export interface MyVote {
  onRoll: boolean;
  area: number | null;
  units: { label: string; area: number; source: string }[];
  ballot: { receipt: string; choice: Choice | null; choices: string[] | null; castAt: string } | null;
}

export interface ExportedMatter {
  matter: number;
  title: string;
  closedAt: string | null;
  ballots: { voterId: string; choice?: Choice; choices?: string[]; receipt: string }[];
  result: MatterResult;
  candidateNames?: { id: string; name: string }[];
}
