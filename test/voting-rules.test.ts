import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { votingUnits } from '../src/modules/registry/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp, uploadFile } from './helpers.ts';

let t: TestApp;
let resident: Client;
let committee: Client;
let estateId: string;
let myUnit: string;
const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000003a7e9b550000000a49444154789c63600000000200015e2b3ef90000000049454e44ae426082',
  'hex',
);

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  committee = await t.as('committee.member');
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  const me = await t.handle.db
    .selectFrom('accounts')
    .select('person_id')
    .where('phone', '=', DEMO_RESIDENT_PHONE)
    .executeTakeFirstOrThrow();
  // A unit the resident speaks for on the roll: a paper ballot naming it is theirs.
  myUnit = (await votingUnits(t.handle.db, estateId)).find((u) => u.personId === me.person_id)?.label as string;
});
after(async () => {
  clock.reset();
  await t.close();
});

const rules = async () => (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
async function setRules(patch: Record<string, unknown>) {
  const { estateId: _e, ...current } = await rules();
  const res = await committee.put(`/api/v1/voting/rules/${estateId}`, { ...current, ...patch });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** A matter drafted now, voting from a minute ahead for a day (the rules must allow no notice). */
async function draft(extra: Record<string, unknown> = {}) {
  if ((await rules()).noticeDays !== 0) await setRules({ noticeDays: 0 });
  const opens = new Date(clock.nowMs() + 60_000);
  const res = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 8,
    title: '利用小区广场设置快递柜',
    body: '收益计入共有部分收益',
    proposerKind: 'committee',
    opensAt: opens.toISOString(),
    closesAt: new Date(opens.getTime() + DAY).toISOString(),
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, opens };
}
const announce = (id: string) => committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 1 });
const scan = async (id: string) =>
  (await uploadFile(committee, `/api/v1/voting/matters/${id}/files`, PNG, 'scan.png', { kind: 'ballot_scan' })).json()
    .id as string;

test('议事规则: defaults until recorded, a stale save is refused, and a matter keeps the rules it was drafted under', async () => {
  const initial = await rules();
  assert.deepEqual(
    { ...initial, estateId: undefined },
    {
      estateId: undefined,
      noticeDays: 15,
      publicityDays: 7,
      revote: true,
      paperOnline: 'earlier',
      proxyLimit: 3,
      followMajority: false,
      committeeSpendLimitFen: 0,
      version: 0,
    },
  );
  assert.equal(
    (await resident.put(`/api/v1/voting/rules/${estateId}`, { ...initial, estateId: undefined })).statusCode,
    403,
    'owners read the rules; the organisers record them',
  );
  const saved = await setRules({ noticeDays: 0, revote: false, publicityDays: 3 });
  assert.equal(saved.version, 1);
  const stale = await committee.put(`/api/v1/voting/rules/${estateId}`, {
    ...saved,
    estateId: undefined,
    version: 0,
  });
  assert.equal(stale.statusCode, 409, 'two organisers saving at once: the second is told, not silently overwritten');

  const { id } = await draft();
  await setRules({ revote: true, noticeDays: 1 });
  const m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  assert.deepEqual([m.noticeDays, m.revote, m.publicityDays], [0, false, 3], 'copied when drafted');
  const below = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 5,
    title: 'x',
    body: 'x',
    proposerKind: 'committee',
    noticeDays: 0,
    opensAt: new Date(clock.nowMs() + DAY).toISOString(),
    closesAt: new Date(clock.nowMs() + 2 * DAY).toISOString(),
  });
  assert.equal(below.statusCode, 400);
  assert.match(below.json().detail, /议事规则规定至少提前 1 日公告/);
  await setRules({ noticeDays: 0 });
});

test('when the rules forbid re-voting, a second online ballot is refused and the first one stands', async () => {
  await setRules({ revote: false });
  const { id, opens } = await draft();
  await setRules({ revote: true });
  assert.equal((await announce(id)).statusCode, 200);
  clock.set(new Date(opens.getTime() + 1000));
  const vote = (body: Record<string, unknown>) => resident.post(`/api/v1/voting/matters/${id}/ballots`, body);
  assert.equal((await vote({ choice: 'agree' })).statusCode, 201);
  const again = await vote({ choice: 'oppose', replace: true });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'voting.revote_forbidden');
  assert.equal((await resident.get(`/api/v1/voting/matters/${id}/my-vote`)).json().ballot.choice, 'agree');
  clock.reset();
});

test('paper and online from one owner: the configured rule decides which counts, and the other is kept and noted', async () => {
  for (const [rule, order, counts] of [
    ['paper', 'online-first', 'paper'],
    ['online', 'paper-first', 'online'],
    ['earlier', 'online-first', 'online'],
  ] as const) {
    clock.reset();
    await setRules({ paperOnline: rule });
    const { id, opens } = await draft();
    assert.equal((await announce(id)).statusCode, 200);
    clock.set(new Date(opens.getTime() + 1000));
    const online = () => resident.post(`/api/v1/voting/matters/${id}/ballots`, { choice: 'agree' });
    const paper = async () =>
      committee.post(`/api/v1/voting/matters/${id}/paper-ballots`, {
        unit: myUnit,
        serial: `S-${rule}`,
        choice: 'oppose',
        scanId: await scan(id),
      });
    if (order === 'online-first') {
      assert.equal((await online()).statusCode, 201);
      assert.equal((await paper()).json().counted, counts === 'paper', `${rule}: paper after online`);
    } else {
      assert.equal((await paper()).json().counted, true);
      const res = await online();
      assert.equal(res.statusCode, 201, `${rule}: online replaces paper`);
    }
    const ballots = await t.handle.db
      .selectFrom('ballots')
      .select(['channel', 'superseded_at', 'note'])
      .where('matter_id', '=', id)
      .execute();
    const counted = ballots.filter((b) => !b.superseded_at);
    assert.deepEqual(
      counted.map((b) => b.channel),
      [counts],
      `${rule}: exactly one ballot counts, the ${counts} one`,
    );
    assert.match(ballots.find((b) => b.superseded_at)?.note ?? '', /conflict/, 'the conflict is noted');
    const progress = (await committee.get(`/api/v1/voting/matters/${id}/participation`)).json();
    assert.equal(progress.votedPersons, 1, 'the owner takes part once');
  }
  clock.reset();
  await setRules({ paperOnline: 'earlier' });
});

test('attachments: documents only, while a draft; owners read them once announced; ballot scans stay with organisers', async () => {
  const { id, opens } = await draft();
  const url = `/api/v1/voting/matters/${id}/files`;
  const exe = await uploadFile(committee, url, Buffer.from('MZ\x90\x00'), 'plan.pdf');
  assert.equal(exe.statusCode, 400, 'the type comes from the bytes, not the name');
  assert.match(exe.json().detail, /PDF、JPEG 或 PNG/);
  const plan = await uploadFile(committee, url, PDF, '快递柜布置方案.pdf');
  assert.equal(plan.statusCode, 201, plan.body);
  assert.equal((await resident.get(plan.json().url)).statusCode, 404, 'a draft is not the owners’ to read yet');
  assert.equal((await announce(id)).statusCode, 200);
  const late = await uploadFile(committee, url, PDF, '补充.pdf');
  assert.equal(late.statusCode, 409, 'announced: the text and its attachments are fixed');
  assert.match(late.json().detail, /已公告/);
  const got = await resident.get(plan.json().url);
  assert.equal(got.statusCode, 200);
  assert.equal(got.headers['content-type'], 'application/pdf');
  assert.deepEqual(got.rawPayload, PDF);

  clock.set(new Date(opens.getTime() + 1000));
  const scanId = await scan(id);
  const m = (await resident.get(`/api/v1/voting/matters/${id}`)).json();
  assert.deepEqual(
    m.files.map((f: { name: string }) => f.name),
    ['快递柜布置方案.pdf'],
  );
  const staff = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  assert.equal(staff.files.length, 2);
  assert.equal((await resident.get(`/api/v1/voting/files/${scanId}`)).statusCode, 404);
  clock.reset();
});

test('a petition of owners must reach 20 % of the area and of the owners before the matter is announced', async () => {
  const units = await votingUnits(t.handle.db, estateId);
  const owned = units.filter((u) => u.holder === 'owner' && u.personId);
  const few = await draft({ proposerKind: 'petition', petitionUnits: [owned[0].label] });
  const refused = await announce(few.id);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().detail, /20% 以上/);
  // Every owned unit signs: at least as many persons and as much area as needed.
  const all = await draft({ proposerKind: 'petition', petitionUnits: owned.map((u) => u.label) });
  assert.equal((await announce(all.id)).statusCode, 200);
  const none = await committee.post('/api/v1/voting/matters', {
    estateId,
    item: 2,
    title: 'x',
    body: 'x',
    proposerKind: 'petition',
    opensAt: new Date(clock.nowMs() + DAY).toISOString(),
    closesAt: new Date(clock.nowMs() + 2 * DAY).toISOString(),
  });
  assert.equal(none.statusCode, 400, 'a petition lists its signers');
});

test('the lifecycle ends in the archive once the 公示 period has run; a wrong step says where the matter stands', async () => {
  await setRules({ publicityDays: 3 });
  const { id, opens } = await draft();
  assert.equal((await announce(id)).statusCode, 200);
  const twice = await committee.post(`/api/v1/voting/matters/${id}/announce`, { version: 2 });
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().detail, '表决事项当前为“已公告”，不能公告');
  clock.set(new Date(opens.getTime() + 2 * DAY));
  let m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  assert.equal(m.phase, 'ended');
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/close`, { version: m.version })).statusCode, 200);
  m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  assert.equal((await committee.post(`/api/v1/voting/matters/${id}/publish`, { version: m.version })).statusCode, 200);
  m = (await committee.get(`/api/v1/voting/matters/${id}`)).json();
  assert.equal(m.phase, 'published');
  assert.equal(Date.parse(m.publicUntil) - Date.parse(m.publishedAt), 3 * DAY);
  clock.set(new Date(Date.parse(m.publicUntil) + 1000));
  m = (await resident.get(`/api/v1/voting/matters/${id}`)).json();
  assert.equal(m.phase, 'archived');
  assert.ok(m.result, 'the archived result stays readable');
  clock.reset();
});
