import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { type ElectionResult, type Figures, followMajority, rollOf, tallyMatter } from './tally.ts';
import { TallyInputError, tallyInput } from './tally-input.ts';

/**
 * The tally against a plain reference: the law restated with BigInt fractions and nothing shared with tally.ts
 * (no roll, no helpers), on random estates and at the exact thresholds.
 */
type InUnit = {
  id: string;
  ownerId?: string;
  developerHeld?: true;
  registeredArea?: number;
  surveyedArea?: number;
  contractArea?: number;
};
type InBallot = { voterId: string; choice: 'agree' | 'oppose' | 'abstain' };

/** a/b compared with c/d, exactly. */
const atLeast = (a: number, b: number, c: bigint, d: bigint) => BigInt(a) * d >= c * BigInt(b);
const moreThan = (a: number, b: number, c: bigint, d: bigint) => BigInt(a) * d > c * BigInt(b);

function reference(matter: number, units: InUnit[], ballots: InBallot[]) {
  const areaOf = (u: InUnit) => u.registeredArea ?? u.surveyedArea ?? u.contractArea ?? 0;
  const personOf = (u: InUnit) => (u.developerHeld ? 'developer' : (u.ownerId as string));
  const people = [...new Set(units.map(personOf))];
  const personArea = (p: string) => units.filter((u) => personOf(u) === p).reduce((s, u) => s + areaOf(u), 0);
  const totalArea = units.reduce((s, u) => s + areaOf(u), 0);
  const sum = (bs: InBallot[]) => bs.reduce((s, b) => s + personArea(b.voterId), 0);
  const of = (c: string) => ballots.filter((b) => b.choice === c);
  const r = {
    totalArea,
    totalPersons: people.length,
    participatingArea: sum(ballots),
    participatingPersons: ballots.length,
    agreeArea: sum(of('agree')),
    agreePersons: of('agree').length,
    opposeArea: sum(of('oppose')),
    opposePersons: of('oppose').length,
    abstainArea: sum(of('abstain')),
    abstainPersons: of('abstain').length,
  };
  const quorum =
    atLeast(r.participatingArea, r.totalArea, 2n, 3n) && atLeast(r.participatingPersons, r.totalPersons, 2n, 3n);
  const special = matter === 6 || matter === 7 || matter === 8;
  const pass = special
    ? atLeast(r.agreeArea, r.participatingArea, 3n, 4n) && atLeast(r.agreePersons, r.participatingPersons, 3n, 4n)
    : moreThan(r.agreeArea, r.participatingArea, 1n, 2n) && moreThan(r.agreePersons, r.participatingPersons, 1n, 2n);
  return { outcome: !quorum ? 'NO_QUORUM' : pass ? 'PASS' : 'FAIL', ...r };
}

const area = fc.integer({ min: 1, max: 30_000 });
const estate = fc
  .array(
    fc.record({
      owner: fc.integer({ min: 0, max: 12 }), // a small pool, so owners of several units occur
      developer: fc.boolean(),
      registered: fc.option(area, { nil: undefined }),
      surveyed: fc.option(area, { nil: undefined }),
      contract: area,
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((rows) =>
    rows.map(
      (r, i): InUnit => ({
        id: `u${i}`,
        ...(r.developer ? { developerHeld: true } : { ownerId: `p${r.owner}` }),
        ...(r.registered ? { registeredArea: r.registered } : {}),
        ...(r.surveyed ? { surveyedArea: r.surveyed } : {}),
        contractArea: r.contract,
      }),
    ),
  );
const choice = fc.constantFrom('agree', 'oppose', 'abstain', null);

test('the tally equals the reference on random estates, for every art. 278 item', () => {
  fc.assert(
    fc.property(
      estate,
      fc.integer({ min: 1, max: 9 }).filter((m) => m !== 3),
      fc.array(choice, { maxLength: 40 }),
      (units, matter, picks) => {
        const people = [...new Set(units.map((u) => (u.developerHeld ? 'developer' : (u.ownerId as string))))];
        const ballots = people.flatMap((p, i) => {
          const c = picks[i % Math.max(1, picks.length)];
          return c ? [{ voterId: p, choice: c }] : [];
        }) as InBallot[];
        assert.deepEqual(tallyInput({ matter, units, ballots }), reference(matter, units, ballots));
      },
    ),
    { numRuns: 500 },
  );
});

/** Election by the plain rules: qualify on both halves strictly, rank by persons then area, stop at a tie. */
function referenceElection(
  units: InUnit[],
  seats: number,
  candidates: string[],
  ballots: { voterId: string; choices: string[] }[],
) {
  const base = reference(
    1,
    units,
    ballots.map((b) => ({ voterId: b.voterId, choice: 'abstain' })),
  );
  const areaOf = (p: string) =>
    units
      .filter((u) => (u.developerHeld ? 'developer' : u.ownerId) === p)
      .reduce((s, u) => s + (u.registeredArea ?? u.surveyedArea ?? u.contractArea ?? 0), 0);
  if (base.outcome === 'NO_QUORUM') return { outcome: 'NO_QUORUM', elected: [], alternates: [], unresolvedTie: [] };
  const rows = candidates.map((c) => {
    const mine = ballots.filter((b) => b.choices.includes(c));
    const persons = mine.length;
    const area = mine.reduce((s, b) => s + areaOf(b.voterId), 0);
    const ok = moreThan(area, base.participatingArea, 1n, 2n) && moreThan(persons, base.participatingPersons, 1n, 2n);
    return { c, persons, area, ok };
  });
  const ranked = rows.filter((r) => r.ok).sort((x, y) => y.persons - x.persons || y.area - x.area);
  const key = (r: { persons: number; area: number }) => `${r.persons}/${r.area}`;
  const cut = ranked[seats - 1];
  const tied = cut && ranked[seats] && key(ranked[seats]) === key(cut) ? key(cut) : null;
  const elected = ranked
    .slice(0, seats)
    .filter((r) => key(r) !== tied)
    .map((r) => r.c);
  const unresolvedTie = tied ? ranked.filter((r) => key(r) === tied).map((r) => r.c) : [];
  const alternates = ranked
    .slice(seats)
    .filter((r) => key(r) !== tied)
    .map((r) => r.c);
  return { outcome: elected.length || unresolvedTie.length ? 'PASS' : 'FAIL', elected, alternates, unresolvedTie };
}

test('elections equal the reference on random estates and ballots', () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  fc.assert(
    fc.property(
      estate,
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.subarray(names), { maxLength: 40 }),
      fc.array(fc.boolean(), { maxLength: 40 }),
      (units, seats, picks, turnout) => {
        const people = [...new Set(units.map((u) => (u.developerHeld ? 'developer' : (u.ownerId as string))))];
        const ballots = people
          .filter((_, i) => turnout[i % Math.max(1, turnout.length)] ?? true)
          .map((voterId, i) => ({ voterId, choices: (picks[i % Math.max(1, picks.length)] ?? []).slice(0, seats) }));
        const got = tallyInput({ matter: 3, seats, candidates: names, units, ballots }) as ElectionResult;
        const want = referenceElection(units, seats, names, ballots);
        assert.equal(got.outcome, want.outcome);
        assert.deepEqual(got.elected, want.elected);
        assert.deepEqual(got.alternates, want.alternates);
        assert.deepEqual([...got.unresolvedTie].sort(), [...want.unresolvedTie].sort());
      },
    ),
    { numRuns: 500 },
  );
});

/** n owners with one 100.00 m² unit each; the first `voting` vote, the first `agreeing` of them agree. */
function equalEstate(n: number, voting: number, agreeing: number, matter: number) {
  const units = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, ownerId: `p${i}`, registeredArea: 10_000 }));
  const ballots = Array.from({ length: voting }, (_, i) => ({
    voterId: `p${i}`,
    choice: i < agreeing ? 'agree' : 'oppose',
  }));
  return tallyInput({ matter, units, ballots });
}

test('exact thresholds: 以上 includes the number itself, 过半数 does not', () => {
  // Quorum: 2/3 of 9 is 6. Six take part → quorum; five → none.
  assert.notEqual(equalEstate(9, 6, 6, 5).outcome, 'NO_QUORUM');
  assert.equal(equalEstate(9, 5, 5, 5).outcome, 'NO_QUORUM');
  // 过半数 of 8 participants: 4 is exactly half and fails; 5 passes.
  assert.equal(equalEstate(12, 8, 4, 5).outcome, 'FAIL');
  assert.equal(equalEstate(12, 8, 5, 5).outcome, 'PASS');
  // Items 6–8: 3/4 of 8 participants is 6, and 6 passes (以上); 5 fails.
  assert.equal(equalEstate(12, 8, 6, 6).outcome, 'PASS');
  assert.equal(equalEstate(12, 8, 5, 7).outcome, 'FAIL');
  // Abstentions take part but do not agree: 5 agree, 3 abstain of 8 → passes item 5, fails item 8.
  const units = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, ownerId: `p${i}`, registeredArea: 10_000 }));
  const ballots = Array.from({ length: 8 }, (_, i) => ({ voterId: `p${i}`, choice: i < 5 ? 'agree' : 'abstain' }));
  assert.equal(tallyInput({ matter: 5, units, ballots }).outcome, 'PASS');
  assert.equal(tallyInput({ matter: 8, units, ballots }).outcome, 'FAIL');
});

test('counting rules: one owner of several units is one person; the developer’s units are one person; area by source', () => {
  const r = <Figures>tallyInput({
    matter: 1,
    units: [
      { id: 'a', ownerId: 'p1', registeredArea: 9_000, surveyedArea: 1, contractArea: 1 },
      { id: 'b', ownerId: 'p1', surveyedArea: 8_950, contractArea: 9_100 },
      { id: 'c', developerHeld: true, contractArea: 12_000 },
      { id: 'd', developerHeld: true, contractArea: 3_000 },
      { id: 'e', ownerId: 'p2', contractArea: 7_000 },
    ],
    ballots: [
      { voterId: 'p1', choice: 'agree' },
      { voterId: 'developer', choice: 'oppose' },
    ],
  });
  assert.equal(r.totalPersons, 3);
  assert.equal(r.totalArea, 9_000 + 8_950 + 12_000 + 3_000 + 7_000);
  assert.equal(r.agreeArea, 17_950);
  assert.equal(r.opposeArea, 15_000);
});

const election = (seats: number, candidates: string[], units: unknown[], ballots: unknown[]) =>
  tallyInput({ matter: 3, seats, candidates, units, ballots }) as ElectionResult;

test('an election elects the top qualified candidates, keeps alternates, and never settles a tie for the last seat', () => {
  const units = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, ownerId: `p${i}`, registeredArea: 10_000 }));
  const vote = (voterId: string, ...choices: string[]) => ({ voterId, choices });
  const ballots = [
    vote('p0', 'a', 'b', 'c'),
    vote('p1', 'a', 'b', 'c'),
    vote('p2', 'a', 'b', 'd'),
    vote('p3', 'a', 'c', 'd'),
    vote('p4', 'a', 'b', 'd'),
    vote('p5', 'a', 'c', 'd'),
    vote('p6', 'a', 'e'),
    vote('p7', 'b', 'c', 'd'),
  ];
  // a: 7, b: 5, c: 5, d: 5, e: 1 of 8 participants; qualifying needs more than 4.
  const r = election(3, ['a', 'b', 'c', 'd', 'e'], units, ballots);
  assert.deepEqual(r.elected, ['a']);
  assert.deepEqual([...r.unresolvedTie].sort(), ['b', 'c', 'd'], 'b, c and d tie for two seats: a runoff');
  assert.deepEqual(r.alternates, []);
  // Seats 2, every voter picks two of three: a 5, b 5, c 4 of 7 — all qualify, c becomes the alternate.
  const pairs = [
    ['a', 'b'],
    ['a', 'b'],
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'c'],
    ['b', 'c'],
    ['b', 'c'],
  ];
  const two = election(
    2,
    ['a', 'b', 'c'],
    units,
    pairs.map((p, i) => vote(`p${i}`, ...p)),
  );
  assert.deepEqual([...two.elected].sort(), ['a', 'b']);
  assert.deepEqual(two.alternates, ['c']);
  // More than half of the persons but exactly half of the area does not qualify (过半数 is strict).
  const big = units.map((u) => (u.ownerId === 'p6' ? { ...u, registeredArea: 20_000 } : u));
  const picks = [['a', 'b'], ['a', 'b'], ['a', 'c'], ['a', 'c'], ['b', 'c'], ['a', 'b'], ['c']];
  const strict = election(
    2,
    ['a', 'b', 'c'],
    big,
    picks.map((p, i) => vote(`p${i}`, ...p)),
  );
  const b = strict.candidates.find((c) => c.id === 'b');
  assert.equal(b?.agreePersons, 4);
  assert.equal(b?.agreeArea, 40_000);
  assert.equal(strict.participatingArea, 80_000);
  assert.equal(b?.qualified, false);
  assert.deepEqual(strict.elected, ['a', 'c']);
});

test('bad input is refused with the problem named', () => {
  const units = [
    { id: 'u1', ownerId: 'p1', registeredArea: 10_000 },
    { id: 'u2', ownerId: 'p2', registeredArea: 10_000 },
  ];
  const cases: [unknown, RegExp][] = [
    [{ matter: 5, units, ballots: [{ voterId: 'p9', choice: 'agree' }] }, /p9 is not on the roll/],
    [
      {
        matter: 5,
        units,
        ballots: [
          { voterId: 'p1', choice: 'agree' },
          { voterId: 'p1', choice: 'oppose' },
        ],
      },
      /already has a ballot/,
    ],
    [{ matter: 5, units: [{ id: 'u1', ownerId: 'p1' }], ballots: [] }, /no area/],
    [{ matter: 5, units, ballots: [{ voterId: 'p1', choice: 'yes' }] }, /unknown choice yes/],
    [{ matter: 5, units: [{ id: 'u1', ownerId: 'p1', registeredArea: -5 }], ballots: [] }, /positive integer/],
    [{ matter: 5, units: [{ id: 'u1', ownerId: 'p1', registeredArea: 10.5 }], ballots: [] }, /positive integer/],
    [{ matter: 5, units: [{ id: 'u1', ownerId: 'p1', registeredArea: '100' }], ballots: [] }, /positive integer/],
    [{ matter: 10, units, ballots: [] }, /1–9/],
    [
      { matter: 3, seats: 1, candidates: ['a', 'b'], units, ballots: [{ voterId: 'p1', choices: ['a', 'b'] }] },
      /more choices than/,
    ],
    [
      { matter: 3, seats: 2, candidates: ['a', 'b'], units, ballots: [{ voterId: 'p1', choices: ['z'] }] },
      /unknown candidate z/,
    ],
  ];
  for (const [input, message] of cases)
    assert.throws(
      () => tallyInput(input),
      (e: Error) => e instanceof TallyInputError && message.test(e.message),
      String(message),
    );
});

test('`anju tally` prints the result, or names the problem and exits 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-tally-'));
  const run = (input: unknown) => {
    const file = path.join(dir, 'in.json');
    fs.writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
    return spawnSync(process.execPath, ['bin/anju.mjs', 'tally', '--file', file], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
  };
  const ok = run({
    matter: 5,
    units: [
      { id: '1-101', ownerId: 'p1', registeredArea: 9000 },
      { id: '1-102', ownerId: 'p2', surveyedArea: 8950, contractArea: 9100 },
      { id: '1-103', developerHeld: true, contractArea: 12000 },
    ],
    ballots: [
      { voterId: 'p1', choice: 'agree' },
      { voterId: 'developer', choice: 'oppose' },
    ],
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), {
    outcome: 'FAIL',
    totalArea: 29950,
    totalPersons: 3,
    participatingArea: 21000,
    participatingPersons: 2,
    agreeArea: 9000,
    agreePersons: 1,
    opposeArea: 12000,
    opposePersons: 1,
    abstainArea: 0,
    abstainPersons: 0,
  });
  const bad = run('{"matter": 5, "units": [');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not valid JSON/);
});

test('"non-voters follow the majority" is a separate, flagged count that never changes the strict result', () => {
  const roll = rollOf(Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, personId: `p${i}`, area: 10_000 })));
  const votes = ['agree', 'agree', 'agree', 'agree', 'oppose', 'oppose'].map((choice, i) => ({
    voterId: `p${i}`,
    choice: choice as 'agree' | 'oppose',
  }));
  const strict = tallyMatter(5, roll, votes);
  assert.equal(strict.outcome, 'NO_QUORUM', 'six of ten is less than two-thirds');
  const alt = followMajority(5, strict);
  assert.equal(alt.majority, 'agree');
  assert.equal(alt.agreePersons, 8);
  assert.equal(alt.outcome, 'PASS');
  assert.equal(strict.outcome, 'NO_QUORUM', 'the strict result is untouched');
  const tie = followMajority(5, tallyMatter(5, roll, votes.slice(2)));
  assert.equal(tie.majority, null, 'no majority on a tie: nobody is assigned');
});
