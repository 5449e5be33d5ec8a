import type { Role } from '../../kernel/auth/roles.ts';

/** Who may call each voting route; which estates and matters: matters.ts (visibility and organiser checks). */
export const votingPolicy = {
  read: ['city_regulator', 'district_regulator', 'street_office', 'community', 'committee_member', 'resident'],
  organise: ['committee_member', 'street_office', 'community'],
  vote: ['resident'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
