import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatArea } from '../src/web/format.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';

/**
 * 业主表决 in the browser: the committee drafts and announces a matter, an owner votes and gets a receipt, the
 * committee closes and tallies it, and anyone finds the receipt on the public result page.
 * Run: npx vite build && node --import tsx --test e2e/voting.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const SHOTS = path.resolve(import.meta.dirname, '../.tmp');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What the DatePicker takes: local time in Asia/Shanghai (the browser's zone in the harness). */
const shanghai = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });

async function pickDate(page: Page, testId: string, ms: number) {
  const input = page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`);
  await input.click();
  await input.fill(shanghai(ms));
  await input.press('Enter');
}

/**
 * Signs in as committee.member and drafts a matter through 发起表决, then announces it. The notice period is 0
 * days so voting can open a few seconds from now; the window is short so the test can wait for it to end.
 */
async function draftAndAnnounce(opts: {
  item: string;
  title: string;
  opensAt: number;
  closesAt: number;
  candidates?: string[];
}) {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'committee.member');
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByRole('menuitem', { name: '业主表决' }).click();
  await page.waitForURL(/\/voting$/);
  await page.getByRole('button', { name: '发起表决' }).click();
  const form = page.getByTestId('new-matter-form');
  await form.getByTestId('estate-select').locator('.ant-select-content-has-value').waitFor();
  await form.getByTestId('item-select').click();
  await page.locator('.ant-select-item-option').filter({ hasText: opts.item }).click();
  await form.getByLabel('标题').fill(opts.title);
  await form.getByLabel('表决内容').fill(`${opts.title}。详见公告附件。`);
  await form.getByLabel('公告期（天）').fill('0');
  await pickDate(page, 'opens-at', opts.opensAt);
  await pickDate(page, 'closes-at', opts.closesAt);
  if (opts.candidates) {
    for (const name of opts.candidates) {
      await form.getByRole('button', { name: '添加候选人' }).click();
      await form.getByPlaceholder('姓名').last().fill(name);
    }
  }
  await page
    .locator('.ant-modal-container')
    .getByRole('button', { name: /^确\s*定$|^OK$/ })
    .click();
  await page.waitForURL(/\/voting\/[0-9a-f-]+$/);
  const id = page.url().split('/').pop() as string;
  await page.getByTestId('vote-phase').getByText('草稿').waitFor();
  await page.getByRole('button', { name: /^公\s*告$/ }).click();
  await page
    .getByTestId('vote-phase')
    .getByText(/已公告|投票中/)
    .waitFor();
  return { page, context, id };
}

/** Reloads until `ready` is visible: voting opens and ends by the clock, not by a push. */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, ms = 90_000) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    assert.ok(Date.now() < end, 'timed out waiting for the voting window');
    await sleep(1_000);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
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
  const now = Date.now();
  // Opens in 20 s (time to fill the form), closes 40 s later: the test waits out the window.
  const org = await draftAndAnnounce({
    item: '5. 使用建筑物及其附属设施的维修资金',
    title: '更换 3 号楼电梯',
    opensAt: now + 20_000,
    closesAt: now + 60_000,
  });
  await org.page.getByTestId('participation').getByText('参与面积').waitFor();

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

test('an election for one seat between two candidates', async () => {
  const now = Date.now();
  const org = await draftAndAnnounce({
    item: '3. 选举业主委员会或者更换业主委员会成员',
    title: '增补业主委员会委员',
    opensAt: now + 25_000,
    closesAt: now + 50_000,
    candidates: ['张伟', '李娜'],
  });
  const rp = await residentPage();
  await rp.goto(`/h5/votes/${org.id}`);
  await reloadUntil(rp, () => rp.getByTestId('vote-box').isVisible());
  const box = rp.getByTestId('vote-box');
  await box.getByText('张伟').click();
  // One seat: the other candidate cannot be ticked as well.
  assert.equal(await box.getByRole('checkbox', { name: /李娜/ }).isDisabled(), true);
  await box.getByRole('button', { name: /^投\s*票$/ }).click();
  await rp.getByTestId('my-ballot').getByText('张伟').waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'voting-h5-election.png'), fullPage: true });

  await reloadUntil(org.page, () => org.page.getByRole('button', { name: '截止计票' }).isVisible());
  await org.page.getByRole('button', { name: '截止计票' }).click();
  const result = org.page.getByTestId('vote-result');
  await result.getByText('未达到法定参与比例').waitFor();
  await result.getByText('张伟').waitFor();
  await result.getByText('当选').waitFor();
  await org.context.close();
});
