import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatArea } from '../src/web/format.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';
import { announce, button, draftMatter, estateOwners, reloadUntil, SHOTS, setNoticeDays } from './voting-helpers.ts';

/**
 * 业主表决 in the browser: the committee drafts and announces a matter, an owner votes and gets a receipt, the
 * committee closes and tallies it, and anyone finds the receipt on the public result page.
 * Run: npm test e2e/voting.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** The 议事规则 are lowered once per file: each file has a database of its own. */
let rulesSet = false;

/**
 * Signs in as committee.member, drafts a matter through 发起表决 and announces it. The first time, the 议事规则
 * page lowers the notice period to 0 days so voting can open within seconds.
 */
async function draftAndAnnounce(opts: Parameters<typeof draftMatter>[1]) {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'committee.member');
  await page.waitForURL(`${h.baseUrl}/`);
  if (!rulesSet) {
    await setNoticeDays(page, 0);
    rulesSet = true;
  }
  const id = await draftMatter(page, opts);
  await announce(page);
  return { page, context, id };
}

/**
 * The resident signs in once for the whole file: the server allows one SMS code per phone a minute, and the two
 * tests would otherwise ask twice within that minute.
 */
let resident: Promise<Page> | undefined;
function residentPage(): Promise<Page> {
  resident ??= (async () => {
    const { page, context } = await h.newPage({ mobile: true });
    await phoneLogin(page, context);
    return page;
  })();
  return resident;
}

test('a maintenance-fund vote: announce, vote with a receipt, close without quorum, check the receipt', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Opens 20 s after the dates are typed (time to announce), closes 40 s later: the test waits out the window.
  const org = await draftAndAnnounce({
    item: '5. 使用建筑物及其附属设施的维修资金',
    title: '更换 3 号楼电梯',
    opensIn: 20_000,
    closesIn: 60_000,
  });
  await org.page.getByTestId('participation').getByText('参与面积').waitFor();
  // The rules in force were copied onto the matter.
  await org.page.getByTestId('matter-rules').getByText('以先投的选票为准').waitFor();

  // The owner votes 同意 once voting opens and gets a receipt.
  const rp = await residentPage();
  await rp.goto('/h5');
  await rp.getByTestId('h5-tabbar').getByText('表决').click();
  await rp.getByTestId('my-vote-matter').filter({ hasText: '更换 3 号楼电梯' }).click();
  await rp.waitForURL(/\/h5\/votes\//);
  await rp.getByTestId('my-roll').getByText('总计').waitFor();
  await reloadUntil(rp, () => rp.getByTestId('vote-box').isVisible());
  await rp
    .getByTestId('vote-box')
    .getByRole('button', { name: /^同\s*意$/ })
    .click();
  const receipt = ((await rp.getByTestId('receipt').textContent()) ?? '').trim();
  assert.match(receipt, /^[2-9A-Z]{10}$/);
  await rp.getByTestId('my-ballot').getByText('同意').waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'voting-h5-vote.png'), fullPage: true });

  // The organiser sees the one ballot in the live participation.
  await org.page.reload();
  await org.page.getByTestId('participation').getByText(/^1 \//).waitFor();
  await org.page.screenshot({ path: path.join(SHOTS, 'voting-organiser-open.png'), fullPage: true });

  // After the window, 截止计票: one voter of many is short of the two-thirds quorum.
  await reloadUntil(org.page, () => org.page.getByRole('button', { name: '截止计票' }).isVisible());
  await org.page.getByRole('button', { name: '截止计票' }).click();
  const result = org.page.getByTestId('vote-result');
  await result.getByText('未达到法定参与比例').waitFor();
  const m = await (await org.page.request.get(`/api/v1/voting/matters/${org.id}`)).json();
  assert.equal(m.result.outcome, 'NO_QUORUM');
  assert.equal(m.result.participatingPersons, 1);
  assert.equal(m.result.agreePersons, 1);
  assert.equal(m.result.agreeArea, m.result.participatingArea);
  for (const figure of [m.result.totalArea, m.result.participatingArea])
    await result.getByText(formatArea(figure), { exact: false }).first().waitFor();
  await result.getByText(`${m.result.totalPersons} 人`, { exact: false }).first().waitFor();
  await org.page.screenshot({ path: path.join(SHOTS, 'voting-organiser-result.png'), fullPage: true });
  await org.page.getByRole('button', { name: /^公\s*示$/ }).click();
  await org.page.getByTestId('vote-phase').getByText('已公示').waitFor();
  await org.context.close();

  // The owner checks their ballot against the published export.
  await rp.reload();
  await rp.getByTestId('vote-outcome').getByText('未达到法定参与比例').waitFor();
  await rp.getByTestId('check-ballot').click();
  await rp.getByTestId('check-result').getByText(`已计入：凭证 ${receipt}，选择 同意`).waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'voting-h5-result.png'), fullPage: true });

  // Anyone, signed in or not, finds the receipt on the public page.
  const pub = await h.newPage();
  await pub.page.goto(`/public/votes/${org.id}`);
  await pub.page.getByTestId('public-title').getByText('更换 3 号楼电梯').waitFor();
  await pub.page.getByTestId('vote-outcome').getByText('未达到法定参与比例').waitFor();
  await pub.page.getByTestId('receipt-input').fill(receipt.toLowerCase());
  await pub.page.getByRole('button', { name: /^查\s*询$/ }).click();
  await pub.page.getByTestId('lookup-result').getByText(`凭证 ${receipt}`, { exact: false }).waitFor();
  await pub.page.getByText('anju tally --file').waitFor();
  assert.equal(pub.page.url(), `${h.baseUrl}/public/votes/${org.id}`);
  await pub.page.screenshot({ path: path.join(SHOTS, 'voting-public.png'), fullPage: true });
  await pub.context.close();
});

test('a by-election for one seat between two candidates named by their units', async () => {
  // Two owners other than the demo resident (who owns 1号楼 101, the first unit).
  const [, zhang, li] = await estateOwners(h, 3);
  // Set-up: one member of the committee in office has moved away, leaving the seat this by-election fills.
  const member = await h.handle.db
    .selectFrom('committee_members')
    .innerJoin('committees', 'committees.id', 'committee_members.committee_id')
    .select('committee_members.id')
    .where('committees.status', '=', 'active')
    .where('committee_members.position', '=', 'member')
    .executeTakeFirstOrThrow();
  await h.handle.db
    .updateTable('committee_members')
    .set({ left_on: '2026-11-01', left_reason: '房屋已出售' })
    .where('id', '=', member.id)
    .execute();
  const org = await draftAndAnnounce({
    item: '3. 选举业主委员会或者更换业主委员会成员',
    title: '增补业主委员会委员',
    opensIn: 20_000,
    closesIn: 45_000,
    byElection: true,
    candidates: [zhang.label, li.label],
  });
  await org.page.getByText('补选', { exact: true }).first().waitFor();
  // The server found the owners behind the units: the candidates appear by name.
  await org.page.getByTestId('candidates').getByText(zhang.name).waitFor();
  await org.page.getByTestId('candidates').getByText(li.name).waitFor();
  const rp = await residentPage();
  await rp.goto(`/h5/votes/${org.id}`);
  await reloadUntil(rp, () => rp.getByTestId('vote-box').isVisible());
  const box = rp.getByTestId('vote-box');
  await box.getByText(zhang.name).click();
  // One seat: the other candidate cannot be ticked as well.
  assert.equal(await box.getByRole('checkbox', { name: new RegExp(li.name) }).isDisabled(), true);
  await box.getByRole('button', { name: button('投票') }).click();
  await rp.getByTestId('my-ballot').getByText(zhang.name).waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'voting-h5-election.png'), fullPage: true });

  await reloadUntil(org.page, () => org.page.getByRole('button', { name: '截止计票' }).isVisible());
  await org.page.getByRole('button', { name: '截止计票' }).click();
  const result = org.page.getByTestId('vote-result');
  await result.getByText('未达到法定参与比例').waitFor();
  await result.getByText(zhang.name).waitFor();
  await result.getByText('当选').waitFor();
  await org.context.close();
});
