import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { votingUnits } from '../src/modules/registry/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { ballotHash } from '../src/modules/voting/lifecycle.ts';
import { tallyInput } from '../src/modules/voting/tally-input.ts';
import { type Client, residentLogin, startTestApp, type TestApp, uploadFile } from './helpers.ts';

let t: TestApp;
let resident: Client;
let committee: Client;
let estateId: string;
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  committee = await t.as('committee.member');
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
});
after(async () => {
  clock.reset();
  await t.close();
});

/** The estate's 议事规则 let voting open without the 15 days' notice, so a test need not wait. */
async function noNotice() {
  const rules = (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
  if (rules.noticeDays === 0) return;
  const { estateId: _e, ...body } = rules;
  const saved = await committee.put(`/api/v1/voting/rules/${estateId}`, { ...body, noticeDays: 0 });
  assert.equal(saved.statusCode, 200, saved.body);
}

/** A scanned paper ballot (any small PNG), uploaded before the ballot that names it. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000003a7e9b550000000a49444154789c63600000000200015e2b3ef90000000049454e44ae426082',
  'hex',
);
async function scanOf(c: Client, matterId: string) {
  const res = await uploadFile(c, `/api/v1/voting/matters/${matterId}/files`, PNG, 'scan.png', { kind: 'ballot_scan' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

test('a vote: announced with a frozen roll, cast once per owner, closed, tallied, and recounted from its export', async () => {
  const opens = new Date(Date.now() + 16 * DAY);
  const closes = new Date(opens.getTime() + 5 * DAY);
  const created = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 5,
    title: '使用维修资金更换 3 号楼电梯',
    body: '经业主委员会研究，拟使用专项维修资金……',
    proposerKind: 'committee',
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  const get = async () => (await committee.get(`/api/v1/voting/matters/${id}`)).json();

  // Fifteen days' notice: opening sooner is refused.
  const early = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 5,
    title: 'x',
    body: 'x',
    proposerKind: 'committee',
    opensAt: new Date(Date.now() + 3 * DAY).toISOString(),
    closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
  });
  const earlyId = early.json().id;
  const refused = await committee.post(`/api/v1/voting/matters/${earlyId}/announce`, { version: 1 });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().detail, /15/);

  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 1 })).statusCode, 200);
  assert.equal(
    (await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 2 })).statusCode,
    409,
    'an announced matter stays as announced',
  );
  const roll = await t.handle.db.selectFrom('roll_entries').selectAll().where('matter_id', '=', id).execute();
  assert.ok(roll.length > 10);
  const objected = await resident.post(`/api/v1/voting/matters/${id}/objection`, { text: '我家车位面积漏登' });
  assert.equal(objected.statusCode, 200, objected.body);
  const objections = (await committee.get(`/api/v1/voting/matters/${id}/objections`)).json();
  assert.equal(objections.length, 1);
  assert.equal(objections[0].objection, '我家车位面积漏登');

  const vote = (body: Record<string, unknown>) => resident.post(`/api/v1/voting/matters/${id}/ballots`, body);
  assert.equal((await vote({ choice: 'agree' })).statusCode, 409, 'not before the window opens');

  clock.set(new Date(opens.getTime() + 3_600_000));
  const [a, b] = await Promise.all([vote({ choice: 'agree' }), vote({ choice: 'oppose' })]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409], 'two devices at once: exactly one ballot counts');
  const logged = await t.handle.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .where('action', 'like', 'ballot.%')
    .execute();
  assert.deepEqual(
    logged.map((l) => l.action),
    ['ballot.cast'],
    'the audit log records the ballot that was cast, not the one refused',
  );
  assert.equal(
    (await resident.post(`/api/v1/voting/matters/${id}/objection`, { text: '晚了' })).statusCode,
    409,
    'objections close when voting opens',
  );
  const replaced = await vote({ choice: 'agree', replace: true });
  assert.equal(replaced.statusCode, 201);
  assert.equal(replaced.json().replaced, true);
  const receipt = replaced.json().receipt as string;
  const mine = (await resident.get(`/api/v1/voting/matters/${id}/my-vote`)).json();
  const mineArea = mine.area as number;
  assert.equal(mine.ballot.receipt, receipt);
  assert.ok(mine.area > 0);

  // The other owners vote on paper, entered by the committee with each ballot's scan: three quarters agree.
  const me = (
    await t.handle.db
      .selectFrom('accounts')
      .select('person_id')
      .where('phone', '=', DEMO_RESIDENT_PHONE)
      .executeTakeFirstOrThrow()
  ).person_id;
  const others = roll.filter((e) => e.voter_key !== me).slice(0, Math.ceil(roll.length * 0.8));
  for (const [i, e] of others.entries()) {
    const res = await committee.post(`/api/v1/voting/matters/${id}/paper-ballots`, {
      unit: e.units[0].label,
      serial: `P-${i}`,
      choice: i % 4 === 0 ? 'oppose' : 'agree',
      scanId: await scanOf(committee, id),
    });
    assert.equal(res.json().counted, true, res.body);
  }

  const progress = (await committee.get(`/api/v1/voting/matters/${id}/participation`)).json();
  assert.equal(progress.votedPersons, others.length + 1);
  assert.equal(progress.notVotedTotal, roll.length - others.length - 1);
  assert.equal(progress.notVoted.length, Math.min(500, progress.notVotedTotal), 'the canvassing list');
  const voted = new Set([...others.map((e) => e.units[0].label), ...mine.units.map((u: { label: string }) => u.label)]);
  assert.ok(!progress.notVoted.some((n: { units: string[] }) => n.units.some((u) => voted.has(u))));
  assert.ok(progress.buildings.length > 0);
  assert.equal(progress.votedArea, others.reduce((sum, e) => sum + Number(e.area), 0) + mineArea);
  assert.ok(
    progress.buildings.some((x: { votedPersons: number }) => x.votedPersons >= 1),
    'the online ballot counted in its building',
  );
  assert.equal((await resident.get(`/api/v1/voting/matters/${id}/participation`)).statusCode, 403);

  const m = await get();
  assert.equal(m.phase, 'open');
  assert.equal(m.result, null, 'no result while voting runs');
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/close`, { version: m.version })).statusCode, 409);

  clock.set(new Date(closes.getTime() + 60_000));
  assert.equal((await vote({ choice: 'oppose', replace: true })).statusCode, 409, 'not after the close');
  const closed = await committee.post(`/api/v1/voting/matters/${id}/close`, { version: m.version });
  assert.equal(closed.statusCode, 200, closed.body);
  const result = (await get()).result;
  assert.equal(result.outcome, 'PASS');
  assert.equal(result.participatingPersons, others.length + 1);

  // Anyone can take the export and recount it with the same rules: the same result.
  const exported = await t.anonymous.get(`/api/v1/voting/matters/${id}/export`);
  assert.equal(exported.statusCode, 200);
  const data = exported.json();
  assert.deepEqual(tallyInput(data), result);
  assert.ok(
    data.ballots.some((x: { receipt: string }) => x.receipt === receipt),
    'the voter finds their receipt',
  );
  assert.ok(!JSON.stringify(data).includes(me as string), 'no person ids in the export');
  let prev = '0'.repeat(64);
  for (const c of data.chain) {
    assert.equal(c.prevHash, prev);
    prev = ballotHash(prev, c.seq, {
      receipt: c.receipt,
      choice: c.choice,
      choices: c.choices,
      cast_at: new Date(c.castAt),
      superseded_at: c.superseded ? new Date() : null,
    });
    assert.equal(c.hash, prev);
  }
  assert.equal(data.chain.length, others.length + 2, 'the superseded ballot stays in the chain beside its replacement');

  // Not even a direct write to the database changes or removes a ballot.
  const ballot = t.handle.db.updateTable('ballots').where('matter_id', '=', id).where('receipt', '=', receipt);
  await assert.rejects(ballot.set({ choice: 'oppose' }).execute(), /never changes/);
  await assert.rejects(ballot.set({ hash: 'f'.repeat(64) }).execute(), /never changes/);
  await assert.rejects(t.handle.db.deleteFrom('ballots').where('matter_id', '=', id).execute(), /append-only/);
});

test('only owners on the roll vote, and residents never see drafts', async () => {
  const draft = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 1,
    title: '修改议事规则',
    body: '草案',
    proposerKind: 'committee',
    opensAt: new Date(Date.now() + 20 * DAY).toISOString(),
    closesAt: new Date(Date.now() + 25 * DAY).toISOString(),
  });
  const id = draft.json().id;
  assert.equal((await resident.get(`/api/v1/voting/matters/${id}`)).statusCode, 403);
  assert.ok(!(await resident.get('/api/v1/voting/matters')).json().items.some((m: { id: string }) => m.id === id));
  const company = await t.as('company.admin');
  assert.equal(
    (
      await company.post('/api/v1/voting/matters', {
        estateId,
        item: 1,
        title: 'x',
        body: 'x',
        proposerKind: 'committee',
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
      })
    ).statusCode,
    403,
  );
});

test('an election with online and paper ballots: the earlier ballot counts, serials are unique, the recount agrees', async () => {
  clock.reset();
  await noNotice();
  const owners = (await votingUnits(t.handle.db, estateId)).filter((u) => u.personId);
  const second = owners.find((u) => u.personId !== owners[0].personId) as (typeof owners)[0];
  const [sitting] = (await committee.get(`/api/v1/estates/${estateId}/committees`)).json();
  // A member has moved away: one seat to fill.
  const left = await committee.post(`/api/v1/committee-members/${sitting.members.at(-1).id}/leave`, {
    version: sitting.version,
    reason: '房屋已出售',
  });
  assert.equal(left.statusCode, 200, left.body);
  const opens = new Date(clock.nowMs() + 60_000);
  const created = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 3,
    title: '选举第二届业主委员会委员（补选 1 名）',
    body: '候选人名单已公示七日',
    proposerKind: 'committee',
    noticeDays: 0,
    opensAt: opens.toISOString(),
    closesAt: new Date(opens.getTime() + DAY).toISOString(),
    seats: 1,
    committeeId: sitting.id,
    candidates: [
      { unit: owners[0].label, nomination: 'owners' },
      { unit: second.label, nomination: 'committee' },
    ],
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 1 })).statusCode, 200);
  const m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  const [zhang, li] = m.candidates.map((c: { id: string }) => c.id);
  clock.set(new Date(opens.getTime() + 60_000));

  const tooMany = await resident.post(`/api/v1/voting/matters/${id}/ballots`, { choices: [zhang, li] });
  assert.equal(tooMany.statusCode, 400, 'at most `seats` candidates');
  assert.equal((await resident.post(`/api/v1/voting/matters/${id}/ballots`, { choices: [zhang] })).statusCode, 201);

  const me = (await resident.get(`/api/v1/voting/matters/${id}/my-vote`)).json();
  const roll = await t.handle.db
    .selectFrom('roll_entries')
    .select(['voter_key', 'units'])
    .where('matter_id', '=', id)
    .execute();
  const mine = me.units[0].label as string;
  const other = roll.find((e) => !e.units.some((u) => u.label === mine) && e.voter_key !== 'developer')?.units[0]
    .label as string;
  const paper = async (unit: string, serial: string, choices: string[]) =>
    committee.post(`/api/v1/voting/matters/${id}/paper-ballots`, {
      unit,
      serial,
      choices,
      scanId: await scanOf(committee, id),
    });
  const unscanned = await committee.post(`/api/v1/voting/matters/${id}/paper-ballots`, {
    unit: other,
    serial: 'P-0000',
    choices: [li],
  });
  assert.equal(unscanned.statusCode, 400, 'a paper ballot comes with its scan');
  const conflict = await paper(mine, 'P-0001', [li]);
  assert.equal(conflict.statusCode, 201);
  assert.equal(conflict.json().counted, false, 'the resident voted online first: that ballot counts');
  const counted = await paper(other, 'P-0002', [li]);
  assert.equal(counted.json().counted, true);
  assert.equal((await paper(other, 'P-0002', [li])).statusCode, 409, 'a serial is entered once');
  assert.equal((await paper('99栋 9999', 'P-0003', [li])).statusCode, 400);

  clock.set(new Date(opens.getTime() + 2 * DAY));
  const closed = await committee.post(`/api/v1/voting/matters/${id}/close`, { version: m.version });
  assert.equal(closed.statusCode, 200, closed.body);
  const result = (await committee.get(`/api/v1/voting/matters/${id}`)).json().result;
  assert.equal(result.participatingPersons, 2);
  const votes = Object.fromEntries(
    result.candidates.map((c: { id: string; agreePersons: number }) => [c.id, c.agreePersons]),
  );
  assert.deepEqual(votes, { [zhang]: 1, [li]: 1 });
  assert.equal(result.outcome, 'NO_QUORUM', 'two voters of the whole estate');
  const exported = (await t.anonymous.get(`/api/v1/voting/matters/${id}/export`)).json();
  assert.deepEqual(tallyInput(exported), result);
});

test('a written proxy lets its holder vote for the principal, within the proxy limit', async () => {
  clock.reset();
  await noNotice();
  const opens = new Date(clock.nowMs() + 60_000);
  const id = (
    await committee.post('/api/v1/voting/matters', {
      estateId,
      item: 4,
      title: '续聘物业服务企业',
      body: '合同期满，拟续聘三年',
      proposerKind: 'committee',
      noticeDays: 0,
      proxyLimit: 1,
      opensAt: opens.toISOString(),
      closesAt: new Date(opens.getTime() + DAY).toISOString(),
    })
  ).json().id;
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 1 })).statusCode, 200);
  const mine = (await resident.get(`/api/v1/voting/matters/${id}/my-vote`)).json().units[0].label as string;
  const roll = await t.handle.db
    .selectFrom('roll_entries')
    .select(['voter_key', 'units'])
    .where('matter_id', '=', id)
    .execute();
  const [p1, p2] = roll.filter((e) => e.voter_key !== 'developer' && !e.units.some((u) => u.label === mine));
  const principal = p1.units[0].label;
  const proxy = (principalUnit: string, serial: string) =>
    committee.post(`/api/v1/voting/matters/${id}/proxies`, { principalUnit, holderUnit: mine, serial });
  assert.equal((await proxy(principal, 'W-1')).statusCode, 200);
  assert.equal((await proxy(p2.units[0].label, 'W-2')).statusCode, 409, 'this matter allows one principal per holder');
  clock.set(new Date(opens.getTime() + 60_000));
  const forOther = await resident.post(`/api/v1/voting/matters/${id}/ballots`, {
    choice: 'agree',
    forUnit: p2.units[0].label,
  });
  assert.equal(forOther.statusCode, 403, 'no proxy, no vote');
  const forPrincipal = await resident.post(`/api/v1/voting/matters/${id}/ballots`, {
    choice: 'oppose',
    forUnit: principal,
  });
  assert.equal(forPrincipal.statusCode, 201, forPrincipal.body);
  const own = await resident.post(`/api/v1/voting/matters/${id}/ballots`, { choice: 'agree' });
  assert.equal(own.statusCode, 201, 'the holder still votes for themselves');
  const counted = await t.handle.db
    .selectFrom('ballots')
    .select(['voter_key', 'choice', 'note'])
    .where('matter_id', '=', id)
    .where('superseded_at', 'is', null)
    .execute();
  assert.equal(counted.length, 2);
  assert.deepEqual(
    counted.find((b) => b.voter_key === p1.voter_key),
    { voter_key: p1.voter_key, choice: 'oppose', note: 'proxy' },
  );
  clock.reset();
});
