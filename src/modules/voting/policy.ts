import type { Role } from '../../kernel/auth/roles.ts';

/** Who organises votes in an estate: its owners' committee, or the street office or community standing in. */
export const ORGANISERS: Role[] = ['committee_member', 'street_office', 'community'];

/** Who may call each voting route; which estates and matters: matters.ts (visibility and organiser checks). */
export const votingPolicy = {
  read: ['city_regulator', 'district_regulator', 'street_office', 'community', 'committee_member', 'resident'],
  organise: ORGANISERS,
  vote: ['resident'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
