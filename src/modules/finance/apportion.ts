/**
 * Apportioning an amount over units by area (按专有部分面积分摊), pure integer arithmetic. The platform and
 * `anju apportion` both split money with this file.
 *
 * Largest-remainder method: unit i's exact share is amountFen × area_i / totalArea. Each unit first gets the floor
 * of its share; the fen left over (fewer than the number of units) go one each to the largest remainders. Ties:
 * larger area first, then the smaller id in code-point order. So the parts always sum to the amount, no unit is
 * ever more than one fen from its exact share, and the result does not depend on the order of the input.
 *
 * Every share has the same denominator (totalArea), so remainders compare as the integers
 * `amountFen × area_i mod totalArea`: nothing divides except the floors, and nothing is floating point.
 * amountFen × area_i reaches ~10^21 for a city (10^12 fen × 10^9 hundredths of m²), past 2^53, hence BigInt.
 *
 * A unit with area 0 is allowed when the total is positive: it takes part in no cost (a unit excluded from this
 * charge can stay in the list) and gets 0 fen, since its remainder 0 is never among the leftover fen's winners
 * (fewer leftover fen than units with a positive remainder). A zero total has no shares at all and is refused.
 */

export interface AreaUnit {
  id: string;
  /** Area in 0.01 m², a safe integer ≥ 0. */
  area: number;
}

export interface UnitShare {
  id: string;
  fen: number;
}

/**
 * Code-point order, not JavaScript's UTF-16 code-unit order: `'\uFF61' < '\u{1F600}'` here, while `<` says the
 * opposite because 😀 is stored as the surrogates D83D DE00. The rule has to mean the same in every language.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1; // equal code points have equal widths, so one index serves both strings
  }
  return a.length - b.length;
}

/** Programmer errors only: the CLI (apportion-input.ts) and the platform check their input before calling. */
function check(amountFen: number | bigint, units: readonly AreaUnit[]): bigint {
  const amount = BigInt(amountFen);
  if (amount < 0n || amount > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('amountFen must be a safe integer ≥ 0');
  if (!units.length) throw new RangeError('no units');
  const ids = new Set<string>();
  for (const u of units) {
    if (!Number.isSafeInteger(u.area) || u.area < 0)
      throw new RangeError(`unit ${u.id}: area must be a safe integer ≥ 0`);
    // A duplicate id would make the tie-break depend on input order.
    if (ids.has(u.id)) throw new RangeError(`unit ${u.id} appears twice`);
    ids.add(u.id);
  }
  return amount;
}

/** Splits amountFen over the units in proportion to area; the parts come back in input order and sum to it. */
export function apportion(amountFen: number | bigint, units: readonly AreaUnit[]): UnitShare[] {
  const amount = check(amountFen, units);
  const total = units.reduce((s, u) => s + BigInt(u.area), 0n);
  if (total === 0n) throw new RangeError('the total area is 0');
  let given = 0n;
  const rows = units.map((u, index) => {
    const product = amount * BigInt(u.area);
    const floor = product / total; // BigInt division truncates, and nothing here is negative
    given += floor;
    return { index, id: u.id, area: u.area, floor, remainder: product % total };
  });
  const leftover = Number(amount - given); // < units.length
  const fen = rows.map((r) => r.floor);
  if (leftover > 0) {
    const ranked = [...rows].sort(
      (a, b) =>
        (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
        b.area - a.area ||
        compareCodePoints(a.id, b.id),
    );
    for (const r of ranked.slice(0, leftover)) fen[r.index] += 1n;
  }
  // Each part ≤ amountFen ≤ MAX_SAFE_INTEGER, so number is exact.
  return rows.map((r) => ({ id: r.id, fen: Number(fen[r.index]) }));
}
