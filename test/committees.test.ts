import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { newId } from '../src/kernel/ids.ts';
import { type VotingUnit, votingUnits } from '../src/modules/registry/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let committee: Client;
let street: Client;
let resident: Client;
let estateId: string;
let owners: VotingUnit[];
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  committee = await t.as('committee.member');
  street = await t.as('wangjiang.street');
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  // One unit for each of several different owners: candidates are owners, named by a unit they own.
  const seen = new Set<string>();
  owners = (await votingUnits(t.handle.db, estateId)).filter(
    (u) => u.holder === 'owner' && u.personId && !seen.has(u.personId) && seen.add(u.personId),
  );
  const rules = (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
  await committee.put(`/api/v1/voting/rules/${estateId}`, { ...rules, estateId: undefined, noticeDays: 0 });
});
after(async () => {
  clock.reset();
  await t.close();
});

const committees = async () => (await committee.get(`/api/v1/estates/${estateId}/committees`)).json();
const current = async () => (await committees()).find((c: { status: string }) => c.status === 'active');

/**
 * Runs an election to its published result. `pattern` gives, per twenty voters, the candidates each marks (by index
 * into the candidate list); the ballots are written straight to the table, as each would otherwise need a login.
 */
async function election(seats: number, units: string[], pattern: number[][], committeeId?: string) {
  clock.reset();
  const opens = new Date(clock.nowMs() + 60_000);
  const created = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 3,
    title: committeeId ? '补选业主委员会委员' : '选举第三届业主委员会',
    body: '候选人名单已公示',
    proposerKind: 'committee',
    opensAt: opens.toISOString(),
    closesAt: new Date(opens.getTime() + DAY).toISOString(),
    seats,
    committeeId,
    candidates: units.map((unit) => ({ unit, nomination: 'owners' })),
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 1 })).statusCode, 200);
  const m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  const ids = m.candidates.map((c: { id: string }) => c.id) as string[];
  clock.set(new Date(opens.getTime() + 1000));
  const roll = await t.handle.db.selectFrom('roll_entries').selectAll().where('matter_id', '=', id).execute();
  const voters = roll.filter((_, i) => i % 10 !== 9); // 90 % take part
  await t.handle.db
    .insertInto('ballots')
    .values(
      voters.map((e, i) => ({
        id: newId(),
        matter_id: id,
        voter_key: e.voter_key,
        area: Number(e.area),
        channel: 'paper' as const,
        choice: null,
        choices: pattern[i % pattern.length].map((k) => ids[k]),
        receipt: `E${i}-${id.slice(-6)}`,
        cast_by: null,
        cast_at: clock.now(),
        superseded_at: null,
        seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
  clock.set(new Date(opens.getTime() + 2 * DAY));
  for (const step of ['close', 'publish']) {
    const v = (await committee.get(`/api/v1/voting/matters/${id}`)).json().version;
    const res = await committee.post(`/api/v1/voting/matters/${id}/${step}`, { version: v });
    assert.equal(res.statusCode, 200, res.body);
  }
  const done = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  return { id, ids, result: done.result, version: done.version as number };
}

// Per twenty voters: A on every ballot, B on 15, C on 13, D on 11: all four qualify (> 1/2), three seats.
const PATTERN = [
  ...Array(8).fill([0, 1, 2]),
  ...Array(6).fill([0, 1, 3]),
  ...Array(5).fill([0, 2, 3]),
  [0, 1],
] as number[][];

test('an election seats a committee: term at most five years, positions from the elected, runners-up as alternates', async () => {
  const before = await current();
  const units = owners.slice(10, 14).map((u) => u.label);
  const even = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 3,
    title: '选举业主委员会',
    body: 'x',
    proposerKind: 'committee',
    opensAt: new Date(clock.nowMs() + DAY).toISOString(),
    closesAt: new Date(clock.nowMs() + 2 * DAY).toISOString(),
    seats: 4,
    candidates: units.map((unit) => ({ unit, nomination: 'owners' })),
  });
  assert.equal(even.statusCode, 400, 'a committee has an odd number of seats');
  assert.equal(even.json().code, 'voting.seats_invalid');
  const e = await election(3, units, PATTERN);
  const [a, b, c, d] = e.ids;
  assert.deepEqual([e.result.elected, e.result.alternates], [[a, b, c], [d]]);

  const seat = (body: Record<string, unknown>) =>
    committee.post(`/api/v1/voting/matters/${e.id}/seat`, { version: e.version, ...body });
  const tooLong = await seat({ termStart: '2026-12-01', termEnd: '2031-12-02', director: a });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.json().detail, /5 年/);
  assert.equal((await seat({ termStart: '2026-12-01', termEnd: '2031-11-30', director: d })).statusCode, 400);
  const seated = await seat({ termStart: '2026-12-01', termEnd: '2031-11-30', director: a, deputies: [b] });
  assert.equal(seated.statusCode, 200, seated.body);
  assert.equal((await seat({ termStart: '2026-12-01', termEnd: '2031-11-30', director: a })).statusCode, 409);

  const list = await committees();
  const now = list.find((x: { status: string }) => x.status === 'active');
  assert.equal(now.electedBy, e.id);
  assert.deepEqual(
    now.members.map((m: { position: string; source: string }) => [m.position, m.source]),
    [
      ['director', 'elected'],
      ['deputy_director', 'elected'],
      ['member', 'elected'],
    ],
  );
  assert.equal(now.alternates.length, 1);
  assert.equal(list.find((x: { id: string }) => x.id === before.id).status, 'handover', 'the old one must hand over');
});

test('members: positions among the seated, a signed commitment, and a departure filled by the first alternate', async () => {
  const c = await current();
  const full = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 3,
    title: '补选',
    body: 'x',
    proposerKind: 'committee',
    opensAt: new Date(clock.nowMs() + DAY).toISOString(),
    closesAt: new Date(clock.nowMs() + 2 * DAY).toISOString(),
    seats: 1,
    committeeId: c.id,
    candidates: [{ unit: owners[40].label, nomination: 'owners' }],
  });
  assert.equal(full.statusCode, 400, 'every seat is taken: nothing to fill');
  assert.equal(full.json().code, 'voting.seats_exceed_vacancies');
  const [director, deputy, member] = c.members;
  const twoDirectors = await committee.post(`/api/v1/committees/${c.id}/positions`, {
    version: c.version,
    positions: [{ memberId: member.id, position: 'director' }],
  });
  assert.equal(twoDirectors.statusCode, 400);
  assert.match(twoDirectors.json().detail, /有且只有一名主任/);
  const swapped = await committee.post(`/api/v1/committees/${c.id}/positions`, {
    version: c.version,
    positions: [
      { memberId: member.id, position: 'director' },
      { memberId: director.id, position: 'member' },
    ],
  });
  assert.equal(swapped.statusCode, 200, swapped.body);

  const sign = (client: Client) =>
    client.post(`/api/v1/committee-members/${deputy.id}/commitment`, { text: '本人承诺依法履职，接受业主监督。' });
  assert.equal((await sign(resident)).statusCode, 403, 'only the member or the committee signs it');
  assert.equal((await sign(committee)).statusCode, 200);
  assert.equal((await sign(committee)).statusCode, 409, 'signed once');

  const after = await current();
  const stale = await committee.post(`/api/v1/committee-members/${deputy.id}/leave`, {
    version: c.version,
    reason: '辞职',
  });
  assert.equal(stale.statusCode, 409, 'a stale committee version');
  const left = await committee.post(`/api/v1/committee-members/${deputy.id}/leave`, {
    version: after.version,
    reason: '本人书面辞职',
  });
  assert.equal(left.statusCode, 200, left.body);
  const now = await current();
  const seatedNow = now.members.filter((m: { leftOn: string | null }) => !m.leftOn);
  assert.equal(seatedNow.length, 3, 'the alternate took the seat');
  assert.equal(seatedNow.find((m: { source: string }) => m.source === 'alternate')?.name, after.alternates[0].name);
  assert.deepEqual(now.alternates, []);
  assert.equal(now.members.find((m: { id: string }) => m.id === deputy.id).leftReason, '本人书面辞职');
});

test('a by-election fills a vacancy; a review (述职评议) of the committee is a vote about it', async () => {
  const c = await current();
  const leaving = c.members.find(
    (m: { leftOn: string | null; position: string }) => !m.leftOn && m.position === 'member',
  );
  const left = await committee.post(`/api/v1/committee-members/${leaving.id}/leave`, {
    version: c.version,
    reason: '房屋已出售',
  });
  assert.equal(left.statusCode, 200, left.body);
  const e = await election(1, [owners[20].label, owners[21].label], [[0], [0], [1]], c.id);
  const seated = await committee.post(`/api/v1/voting/matters/${e.id}/seat`, { version: e.version });
  assert.equal(seated.statusCode, 200, seated.body);
  const now = await current();
  const joined = now.members.find((m: { source: string }) => m.source === 'by_election');
  assert.equal(joined.personId, owners[20].personId);
  assert.equal(now.members.filter((m: { leftOn: string | null }) => !m.leftOn).length, 3);

  clock.reset();
  const review = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 9,
    purpose: 'review',
    committeeId: c.id,
    title: '2026 年度业主委员会述职评议',
    body: '业主委员会向业主大会报告年度履职情况，请业主评议。',
    proposerKind: 'committee',
    opensAt: new Date(clock.nowMs() + DAY).toISOString(),
    closesAt: new Date(clock.nowMs() + 8 * DAY).toISOString(),
  });
  assert.equal(review.statusCode, 201, review.body);
  const reviews = (await committee.get(`/api/v1/voting/matters?committeeId=${c.id}`)).json().items;
  assert.deepEqual(reviews.map((m: { purpose: string }) => m.purpose).sort(), ['by_election', 'review']);
});

test('the outgoing committee hands over; someone else confirms, and only then has it ended', async () => {
  const old = (await committees()).find((c: { status: string }) => c.status === 'handover');
  const active = await current();
  const items = [
    { name: '业主委员会印章', quantity: 1 },
    { name: '会议记录及档案', quantity: 12, note: '2025—2026 年' },
  ];
  assert.equal(
    (await committee.post(`/api/v1/committees/${active.id}/handover`, { items })).statusCode,
    409,
    'a committee in office has nothing to hand over yet',
  );
  const listed = await committee.post(`/api/v1/committees/${old.id}/handover`, { items });
  assert.equal(listed.statusCode, 201, listed.body);
  const handoverId = listed.json().id;
  const self = await committee.post(`/api/v1/committee-handovers/${handoverId}/confirm`);
  assert.equal(self.statusCode, 409, 'not confirmed by the one who listed it');
  const company = await t.as('company.admin');
  assert.equal((await company.post(`/api/v1/committee-handovers/${handoverId}/confirm`)).statusCode, 403);
  const confirmed = await street.post(`/api/v1/committee-handovers/${handoverId}/confirm`);
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  const ended = (await committees()).find((c: { id: string }) => c.id === old.id);
  assert.equal(ended.status, 'ended');
  assert.equal(ended.endReason, 'succeeded');
  assert.equal(ended.handover.toCommittee, active.id);
  assert.deepEqual(ended.handover.items, items);
});

test('a 物业管理委员会 stands in with street, community and owner members; bad input changes nothing', async () => {
  const before = (await committees()).length;
  const bad = await street.post(`/api/v1/estates/${estateId}/committees`, {
    kind: 'management_committee',
    termStart: '2026-12-01',
    termEnd: '2028-11-30',
    members: [{ affiliation: 'street', position: 'director' }],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /姓名/);
  assert.equal((await committees()).length, before);
  const made = await street.post(`/api/v1/estates/${estateId}/committees`, {
    kind: 'management_committee',
    termStart: '2026-12-01',
    termEnd: '2028-11-30',
    members: [
      { name: '王主任', affiliation: 'street', position: 'director' },
      { name: '李书记', affiliation: 'community', position: 'deputy_director' },
      { personId: owners[30].personId, affiliation: 'owner', position: 'member' },
    ],
  });
  assert.equal(made.statusCode, 201, made.body);
  const mc = made.json().find((c: { status: string }) => c.status === 'active');
  assert.equal(mc.kind, 'management_committee');
  assert.deepEqual(
    mc.members.map((m: { affiliation: string; source: string }) => `${m.affiliation}/${m.source}`),
    ['street/appointed', 'community/appointed', 'owner/appointed'],
  );
  assert.equal(
    made.json().filter((c: { status: string }) => c.status === 'handover').length,
    1,
    'the elected committee it replaces now owes a handover',
  );
  const own = await committee.post(`/api/v1/estates/${estateId}/committees`, {
    kind: 'owners_committee',
    termStart: '2026-12-01',
    termEnd: '2028-11-30',
    members: [{ personId: owners[31].personId, position: 'director' }],
  });
  assert.equal(own.statusCode, 403, 'a committee does not appoint its successor; the street office supervises');
});
