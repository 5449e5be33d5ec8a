/** The voting API shapes the client reads (mirrors src/modules/voting/queries.ts and ballots.ts). */

export const MATTERS = '/api/v1/voting/matters';
export const RULES = '/api/v1/voting/rules';
export const ELECTION_ITEM = 3;
export const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export type Choice = 'agree' | 'oppose' | 'abstain';
export type Outcome = 'PASS' | 'FAIL' | 'NO_QUORUM';

export type Purpose = 'decision' | 'election' | 'by_election' | 'review';
export type PaperOnline = 'earlier' | 'paper' | 'online';

export interface MatterSummary {
  id: string;
  estateId: string;
  /** The estate's name (in the list of matters). */
  estate?: string;
  item: number;
  title: string;
  state: string;
  /** The state as the clock sees it: also open, ended, and archived once the 公示 is over. */
  phase: string;
  purpose: Purpose;
  /** The committee a by-election fills or a 述职评议 reviews. */
  committeeId: string | null;
  opensAt: string;
  closesAt: string;
  publishedAt: string | null;
  /** The end of the 公示. */
  publicUntil: string | null;
  seatedAt: string | null;
  version: number;
}

/** 议事规则 of an estate; version 0 while it is on the defaults. */
export interface Rules {
  estateId: string;
  noticeDays: number;
  publicityDays: number;
  revote: boolean;
  paperOnline: PaperOnline;
  proxyLimit: number;
  followMajority: boolean;
  /** The committee may decide a public-revenue spending up to this many fen without a vote (0: every one is voted). */
  committeeSpendLimitFen: number;
  version: number;
}

export interface MatterFile {
  id: string;
  kind: 'attachment' | 'ballot_scan';
  name: string;
  mime: string;
  bytes: number;
  sha256: string;
  url: string;
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
  proposerKind: string;
  /** Organisers only: the units whose owners signed a petition. */
  petitionUnits: string[];
  noticeDays: number;
  /** Copied from the 议事规则 when the matter was created. */
  publicityDays: number;
  revote: boolean;
  paperOnline: PaperOnline;
  proxyLimit: number;
  /** Attachments; ballot scans too for organisers. */
  files: MatterFile[];
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
