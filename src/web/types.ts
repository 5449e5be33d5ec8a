/** The API shapes the client reads (mirrors src/modules/registry/schemas.ts and src/kernel/auth/routes.ts). */

export interface Binding {
  role: string;
  scopeType: string;
  scopeId: string | null;
  scopeName: string | null;
}
export interface Me {
  id: string;
  kind: string;
  displayName: string;
  personId: string | null;
  csrfToken: string;
  bindings: Binding[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Region {
  id: string;
  parentId: string | null;
  level: string;
  code: string;
  name: string;
}
export interface Estate {
  id: string;
  code: string;
  name: string;
  version: number;
  address: string;
  streetName: string;
  communityName: string;
  serviceGrade: number;
  companyId: string | null;
  companyName: string | null;
  managementMode: string;
  /** 0.01 m² */
  totalArea: number;
  projectManagerName: string | null;
  buildingCount: number;
  unitCount: number;
  updatedAt: string;
}
export interface Building {
  id: string;
  estateId: string;
  name: string;
  floors: number | null;
  unitCount: number;
}
export interface OwnerRef {
  personId: string;
  name: string;
  phone: string | null;
  isRepresentative: boolean;
}
export interface Unit {
  id: string;
  estateId: string;
  estateName: string;
  buildingId: string;
  buildingName: string;
  number: string;
  floor: number | null;
  use: string;
  /** effective area, 0.01 m² */
  area: number;
  areaSource: string;
  holder: string;
  owners: OwnerRef[];
}
export interface Person {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  units: { unitId: string; estateName: string; buildingName: string; number: string; isRepresentative: boolean }[];
}
export interface PersonPii {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
}
export interface Company {
  id: string;
  uscc: string;
  name: string;
  legalRepresentative: string;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  status: string;
  estateCount: number;
  staffCount: number;
}
export interface StaffMember {
  id: string;
  companyName: string;
  name: string;
  phone: string;
  position: string;
  certificates: { name: string; number?: string; expires?: string }[];
  estateName: string | null;
  status: string;
}
export interface Department {
  id: string;
  kind: string;
  name: string;
  phone: string | null;
  categories: string[];
}
export interface CommitteeMember {
  id: string;
  /** null for a street or community official on a 物业管理委员会 */
  personId: string | null;
  name: string;
  affiliation: 'owner' | 'street' | 'community' | 'other';
  position: 'director' | 'deputy_director' | 'member';
  source: 'elected' | 'by_election' | 'alternate' | 'appointed' | 'recorded';
  joinedOn: string | null;
  leftOn: string | null;
  leftReason: string | null;
  commitmentSignedAt: string | null;
}
export interface HandoverItem {
  name: string;
  quantity: number;
  note?: string;
}
export interface Committee {
  id: string;
  estateId: string;
  kind: 'owners_committee' | 'management_committee';
  termStart: string | null;
  termEnd: string | null;
  status: 'active' | 'handover' | 'ended';
  /** Still active past its term: an election is overdue. */
  expired: boolean;
  seats: number | null;
  /** The election (a voting matter) that seated it. */
  electedBy: string | null;
  /** Not yet seated, in the order they step in. */
  alternates: { personId: string; name: string }[];
  endedOn: string | null;
  endReason: string | null;
  version: number;
  /** Seated members first, by position; then those who left. */
  members: CommitteeMember[];
  handover: {
    id: string;
    toCommittee: string | null;
    items: HandoverItem[];
    handedAt: string;
    receivedAt: string | null;
  } | null;
}
export interface InboxMessage {
  id: string;
  channel: string;
  recipient: string;
  body: string;
  status: string;
  createdAt: string;
}
export interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number; message: string | null } | null;
  result: unknown;
  error: string | null;
}
/** The import job's result (src/modules/registry/import/service.ts). */
export interface ImportResult {
  imported?: boolean;
  /** Per kind (regions, companies, estates…), `sheet` being the sheet's name in the file. */
  counts?: Record<
    string,
    { sheet?: string; inserted?: number; updated?: number; unchanged?: number; invalid?: number }
  >;
  /** At most the first 10,000; errorCount has them all. */
  errors?: { sheet: string; row: number; column: string; message: string }[];
  errorCount?: number;
}
