import { createHash } from 'node:crypto';
import { canonicalJson } from '../../kernel/audit.ts';

/** Where every estate's chain starts. */
export const GENESIS = '0'.repeat(64);

/** What an entry's hash covers: everything it says, in a fixed form (amounts as integers, time as ISO). */
export interface ChainedEntry {
  id: string;
  estateId: string;
  seq: number;
  kind: string;
  memo: string;
  idempotencyKey: string;
  reverses: string | null;
  document: string | null;
  accountIds: string[];
  amounts: number[];
  postedAt: Date;
}

/** hash = SHA-256(previous hash ‖ canonical JSON of the entry): changing any entry breaks every hash after it. */
export function entryHash(prev: string, e: ChainedEntry): string {
  const body = canonicalJson({ ...e, amounts: e.amounts.map(Number), postedAt: e.postedAt.toISOString() });
  return createHash('sha256').update(prev).update(body).digest('hex');
}

/** A leg's amount must be a whole, non-zero number of fen within the safe integer range. */
export const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n !== 0;

/** Why a set of legs cannot be an entry, or undefined when it can. */
export function legsProblem(amounts: unknown[]): 'too_few_legs' | 'amount_invalid' | 'unbalanced' | undefined {
  if (amounts.length < 2) return 'too_few_legs';
  if (!amounts.every(isFen)) return 'amount_invalid';
  // BigInt: a sum of safe integers can itself leave the safe range.
  if (amounts.reduce((sum: bigint, a) => sum + BigInt(a as number), 0n) !== 0n) return 'unbalanced';
  return undefined;
}
