import type { RollRow } from './roll.ts';

/**
 * 《业主大会和业主委员会指导规则》 art. 21: owners holding 20 % or more (以上, the number itself included) of the
 * exclusive area AND 20 % or more of the persons may propose a meeting. Counted on the roll being frozen, by the
 * same counting rules as the vote: a signer with several units is one person with all their area.
 *
 * Undefined when the petition suffices; otherwise the unit named that is not on the roll, or the shares reached
 * (as percentages for the message; the decision itself is integer cross-multiplication).
 */
export function petitionShortfall(
  labels: string[],
  roll: RollRow[],
): { missing?: string; area?: string; persons?: string } | undefined {
  const wanted = new Set(labels.map((l) => l.trim().replace(/\s+/g, ' ')));
  const signed = roll.filter((r) => r.units.some((u) => wanted.has(u.label)));
  const found = new Set(signed.flatMap((r) => r.units.map((u) => u.label)));
  const missing = [...wanted].find((l) => !found.has(l));
  if (missing) return { missing };
  const area = signed.reduce((sum, r) => sum + r.area, 0);
  const totalArea = roll.reduce((sum, r) => sum + r.area, 0);
  if (5 * area >= totalArea && 5 * signed.length >= roll.length) return undefined;
  return {
    area: ((100 * area) / totalArea).toFixed(2),
    persons: ((100 * signed.length) / roll.length).toFixed(2),
  };
}
