import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Bill } from '../src/web/finance/types.ts';
import type { Estate, Job, Page as ListPage, Me } from '../src/web/types.ts';
import type { Matter, Participation, Rules } from '../src/web/voting/types.ts';
import { type Harness, passwordLogin, startHarness } from './harness.ts';
import { announce, apiOf, button, buttonEnding, choose, pickDate, SHOTS, sleep } from './voting-helpers.ts';

/**
 * The finance desk's refunds and the negotiation of the service fee, in the browser. The city caps the fee and the
 * company bills October; a unit overpays at the desk. 退款: the desk staff picks the unit and is shown the
 * prepayment it holds, offered as the amount; more than that is refused in the form; the staff cannot approve; the
 * administrator approves (the list names who asked and who decided), is told the till is short for a cash refund,
 * and is refused approving a refund they asked for themselves. 收费标准协商: the company's quote above the cap is
 * refused with the server's reason, a quote within it stands; the committee counters and puts a price between the
 * two to the owners; the company sees the vote's phase and cannot settle before the result is published; the vote
 * passes (ballots through the API); the company settles it and the fee items show the new price.
 * Run: npm test e2e/fees.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const PERIOD = '2026-10';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `fees-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal-container');
const ok = (page: Page) => modal(page).getByRole('button', { name: buttonEnding('确定') });
type Api = Awaited<ReturnType<typeof apiOf>>;
/** Waits until `ready` holds (what an effect sets right after the render the test saw). */
async function until(ready: () => Promise<boolean>, what: string) {
  for (let i = 0; !(await ready()); i++) {
    assert.ok(i < 100, what);
    await sleep(100);
  }
}

/** Signs in as a company or owners'-side login and opens a menu page on the demo estate. */
async function open(username: string, menu: string, estate: Estate) {
  const { page } = await h.newPage();
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByRole('menuitem', { name: menu }).click();
  await choose(page, page.getByTestId('estate-picker'), estate.name);
  return page;
}

/** The city's cap, the company's service fee and October's bills; a unit overpays by bank transfer by 200 元. */
async function setUp() {
  const { page: city } = await h.newPage();
  await passwordLogin(city, 'city.admin');
  await city.waitForURL(`${h.baseUrl}/`);
  const cityApi = await apiOf(city);
  const estate = (await cityApi.get<ListPage<Estate>>('/api/v1/estates?q=JC-001')).items[0];
  const full = await cityApi.get<Estate>(`/api/v1/estates/${estate.id}`);
  await cityApi.send('PUT', `/api/v1/finance/fee-caps/${full.serviceGrade}`, { capFen: 150, version: 0 });
  await city.context().close();

  const { page: co } = await h.newPage();
  await passwordLogin(co, 'company.admin');
  await co.waitForURL(`${h.baseUrl}/`);
  const coApi = await apiOf(co);
  await coApi.send('POST', `/api/v1/finance/estates/${estate.id}/fee-items`, {
    name: '物业服务费',
    basis: 'area_month',
    priceFen: 120,
    serviceFee: true,
  });
  const run = (await coApi.send('POST', '/api/v1/finance/bill-runs', { period: PERIOD, estateId: estate.id })) as {
    jobId: string;
  };
  for (let i = 0; ; i++) {
    const job = await coApi.get<Job>(`/api/v1/jobs/${run.jobId}`);
    if (job.status === 'succeeded') break;
    assert.ok(job.status !== 'failed' && i < 120, `the bill run: ${job.status}`);
    await sleep(500);
  }
  const bills = await coApi.get<{ items: (Bill & { unit: string })[] }>(
    `/api/v1/finance/estates/${estate.id}/bills?period=${PERIOD}`,
  );
  const mine = bills.items.filter((b) => b.unit === '1号楼 101');
  assert.ok(mine.length, '1号楼 101 is billed');
  const owed = mine.reduce((s, b) => s + b.amountFen - b.paidFen, 0);
  await coApi.send('POST', '/api/v1/finance/payments/desk', {
    unitId: mine[0].unitId,
    channel: 'transfer',
    amountFen: owed + 20_000,
    voucherNo: 'XJ202610-088',
  });
  return { estate: full, co, coApi };
}

let ctx: Awaited<ReturnType<typeof setUp>>;

test('a refund of a prepayment: the desk asks, someone else approves', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ctx = await setUp();
  const { estate, co } = ctx;

  // The desk staff: no say in the fee negotiation; asks for a refund, first for more than is held.
  const staff = await open('company.staff', '收费管理', estate);
  assert.equal(await staff.getByRole('tab', { name: '收费标准协商' }).count(), 0);
  await staff.getByRole('tab', { name: '退款' }).click();
  await staff.waitForURL(/\/finance\/refunds\?estateId=/);
  await staff.getByText('暂无退款申请').waitFor();
  const staffName = (await (await apiOf(staff)).get<Me>('/api/v1/auth/me')).displayName;
  await staff.getByRole('button', { name: '申请退款' }).click();
  const form = staff.getByTestId('refund-form');
  const amount = form.getByLabel('退款金额');
  await choose(staff, form.getByTestId('refund-unit'), '1号楼 101');
  // What the unit holds is shown and offered as the amount; more than that is refused before anything is sent.
  await staff.getByTestId('refund-held').getByText('预收款余额 ¥200.00').waitFor();
  await until(async () => (await amount.inputValue()) === '200.00', 'the amount offered is what the unit holds');
  await amount.fill('300');
  await form.getByLabel('退款事由').fill('业主多缴，申请退回');
  await ok(staff).click();
  await form.getByText('退款金额不能超过预收款余额 ¥200.00').waitFor();
  await shot(staff, 'refund-too-much');
  await amount.fill('150');
  await ok(staff).click();
  await staff.getByText('退款申请已提交，待审批').waitFor();
  const table = staff.getByTestId('refunds-table');
  const requested = table.getByRole('row', { name: /1号楼 101.*¥150\.00.*银行转账.*业主多缴.*待审批.*本人申请/ });
  await requested.getByTestId('refund-requested-by').getByText(`申请：${staffName}`).waitFor();
  assert.equal(await table.getByRole('button', { name: button('批准') }).count(), 0, 'the desk does not approve');
  await shot(staff, 'refund-requested');
  // A second one, in cash: the till holds nothing (every payment so far came by transfer).
  await staff.getByRole('button', { name: '申请退款' }).click();
  await choose(staff, form.getByTestId('refund-unit'), '1号楼 101');
  await until(async () => (await amount.inputValue()) === '200.00', 'the amount offered is what the unit holds');
  await amount.fill('30');
  await form.getByText('现金', { exact: true }).click();
  await form.getByLabel('退款事由').fill('业主多缴，现金退回');
  await ok(staff).click();
  await table.getByRole('row', { name: /1号楼 101.*¥30\.00.*现金.*待审批.*本人申请/ }).waitFor();

  // The administrator approves it; a refund they asked for themselves they may not approve.
  await co.getByRole('menuitem', { name: '收费管理' }).click();
  await choose(co, co.getByTestId('estate-picker'), estate.name);
  await co.getByRole('tab', { name: '退款' }).click();
  await co.waitForURL(/\/finance\/refunds\?estateId=/);
  const rows = co.getByTestId('refunds-table');
  const staffRow = rows.getByRole('row', { name: /1号楼 101.*¥150\.00.*待审批/ });
  await staffRow.getByRole('button', { name: button('批准') }).click();
  await modal(co).getByText('立即从该房屋的预收款中退出 ¥150.00（银行转账）').waitFor();
  await shot(co, 'refund-approve');
  await modal(co)
    .getByRole('button', { name: button('批准') })
    .click();
  await co.getByText('已批准，¥150.00 已从预收款中退出').waitFor();
  const refunded = rows.getByRole('row', { name: /1号楼 101.*¥150\.00.*已退款/ });
  await refunded.getByTestId('refund-requested-by').getByText(`申请：${staffName}`).waitFor();
  const adminName = (await ctx.coApi.get<Me>('/api/v1/auth/me')).displayName;
  await refunded.getByTestId('refund-decided-by').getByText(`审批：${adminName}`, { exact: true }).waitFor();

  // The staff's cash refund: the till is short, and the dialog says what to do instead.
  await rows
    .getByRole('row', { name: /1号楼 101.*¥30\.00.*现金.*待审批/ })
    .getByRole('button', { name: button('批准') })
    .click();
  await modal(co)
    .getByRole('button', { name: button('批准') })
    .click();
  await co.getByTestId('refund-decision-error').getByText('现金账户余额不足以退款，请改为转账退款').waitFor();
  await shot(co, 'refund-cash-short');
  await modal(co)
    .getByRole('button', { name: button('取消') })
    .click();

  await co.getByRole('button', { name: '申请退款' }).click();
  const own = co.getByTestId('refund-form');
  await choose(co, own.getByTestId('refund-unit'), '1号楼 101');
  await own.getByLabel('退款金额').fill('50');
  await own.getByText('现金', { exact: true }).click();
  await own.getByLabel('退款事由').fill('余款退回');
  await ok(co).click();
  await co.getByText('退款申请已提交，待审批').waitFor();
  const ownRow = rows.getByRole('row', { name: /1号楼 101.*¥50\.00.*现金.*待审批.*本人申请/ });
  await ownRow.getByRole('button', { name: button('批准') }).click();
  await modal(co)
    .getByRole('button', { name: button('批准') })
    .click();
  await co.getByTestId('refund-decision-error').getByText('退款须由申请人以外的人员审批').waitFor();
  await shot(co, 'refund-own');
  await modal(co)
    .getByRole('button', { name: button('取消') })
    .click();
  await rows.getByRole('row', { name: /¥50\.00.*待审批/ }).waitFor();
  await staff.context().close();
});

test('the service fee: cap, quote, counter-offer, the owners’ vote, and the new price in the fee items', async () => {
  const { estate, co } = ctx;
  const grade = estate.serviceGrade;

  // 物业报价: above the cap refused with the server's reason; within it, it stands.
  await co.getByRole('tab', { name: '收费标准协商' }).click();
  await co.waitForURL(/\/finance\/prices\?estateId=/);
  await co.getByTestId('fp-current-fee').getByText('1.20 元/㎡·月').waitFor();
  await co.getByTestId('fp-cap').getByText('1.50 元/㎡·月').waitFor();
  await co.getByText('本小区尚无收费标准协商').waitFor();
  await co.getByRole('button', { name: '物业报价' }).click();
  const quote = co.getByTestId('fp-quote-form');
  await quote.getByText(`本小区为 ${grade} 级服务，政府指导价上限 1.50 元/㎡·月`, { exact: false }).waitFor();
  await quote.getByLabel('报价', { exact: true }).fill('1.60');
  await quote.getByLabel('报价说明').fill('秩序维护 12 人、保洁 8 人，人工成本上涨约 8%');
  await ok(co).click();
  await co
    .getByTestId('fp-dialog-error')
    .getByText(`报价超过本市${grade}级服务的政府指导价上限 1.50 元/㎡·月`)
    .waitFor();
  await shot(co, 'quote-above-cap');
  await quote.getByLabel('报价', { exact: true }).fill('1.45');
  await ok(co).click();
  await co.getByTestId('fp-state').getByText('企业已报价').waitFor();
  await co.getByTestId('fp-quote').getByText('1.45 元/㎡·月').waitFor();
  await shot(co, 'quoted');

  // The committee: 0 days' notice so the vote can open within seconds (set once, as on the rules page).
  const org = await open('committee.member', '收费标准协商', estate);
  const orgApi = await apiOf(org);
  const rules = await orgApi.get<Rules>(`/api/v1/voting/rules/${estate.id}`);
  await orgApi.send('PUT', `/api/v1/voting/rules/${estate.id}`, { ...rules, estateId: undefined, noticeDays: 0 });
  await org.waitForURL(/\/finance\/prices\?estateId=/);
  await org.getByTestId('fp-quote').getByText('1.45 元/㎡·月').waitFor();
  assert.equal(await org.getByRole('button', { name: '物业报价' }).count(), 0, 'the company quotes');

  // 业主还价, then 提请业主表决: a price outside the two is refused, one between them drafts the vote.
  await org.getByRole('button', { name: '业主还价' }).click();
  const counter = org.getByTestId('fp-counter-form');
  await counter.getByText('不高于企业报价 1.45 元/㎡·月').waitFor();
  await counter.getByLabel('还价', { exact: true }).fill('1.30');
  await counter.getByLabel('还价理由').fill('对标周边同档小区收费水平');
  await ok(org).click();
  await org.getByTestId('fp-state').getByText('业主已还价').waitFor();
  await org.getByTestId('fp-counter').getByText('1.30 元/㎡·月').waitFor();
  await org.getByRole('button', { name: '提请业主表决' }).click();
  const vote = org.getByTestId('fp-vote-form');
  await org.getByTestId('fp-notice-min').getByText('公告期至少 0 天', { exact: false }).waitFor();
  await vote.getByLabel('提请表决的价格').fill('1.50');
  const now = Date.now();
  const closes = now + 40_000;
  await pickDate(org, 'fp-opens-at', now + 25_000);
  await pickDate(org, 'fp-closes-at', closes);
  await ok(org).click();
  await org.getByTestId('fp-dialog-error').getByText('须在业主还价 1.30 元与企业报价 1.45 元之间').waitFor();
  await vote.getByLabel('提请表决的价格').fill('1.40');
  await ok(org).click();
  await org.getByTestId('fp-state').getByText('业主表决中').waitFor();
  await org.getByTestId('fp-agreed').getByText('1.40 元/㎡·月').waitFor();
  await org.getByTestId('fp-steps').getByText('1.50 元/㎡·月').waitFor();
  await shot(org, 'voting');
  await org.getByTestId('fp-matter-link-draft').click();
  await org.waitForURL(/\/voting\/[0-9a-f-]+$/);
  const matterId = org.url().split('/').pop() as string;
  await org.getByText('物业服务费标准：每平方米每月 1.40 元').first().waitFor();
  await announce(org);

  // The company sees where the vote stands, and cannot settle before the result is published.
  await co.reload();
  await co.getByTestId('fp-state').getByText('业主表决中').waitFor();
  await co
    .getByTestId('fp-matter')
    .getByText(/已公告|投票中/)
    .waitFor();
  await co.getByTestId('fp-matter').getByText('业主表决结果公示后方可确认').waitFor();
  assert.ok(await co.getByTestId('fp-settle').isDisabled(), 'settling waits for the published result');
  await shot(co, 'voting-company');

  // The vote: every owner's paper ballot agrees (entered once the window is over), then the count and 公示.
  await sleep(Math.max(0, closes - Date.now() + 1_500));
  await runVote(orgApi, matterId);

  // The committee sees the vote passed; the company settles it and the fee items show the new price.
  await org.goBack();
  await org.waitForURL(/\/finance\/prices/);
  await org.getByTestId('fp-matter').getByText('通过').waitFor();
  await co.reload();
  await co.getByTestId('fp-matter').getByText('已公示').waitFor();
  await co.getByTestId('fp-matter').getByText('通过').waitFor();
  await co.getByRole('button', { name: '确认表决结果' }).click();
  await co.getByTestId('fp-state').getByText('已议定').waitFor();
  await co.getByTestId('fp-current-fee').getByText('1.40 元/㎡·月').waitFor();
  await co
    .getByTestId('fp-history')
    .getByRole('row', { name: /1\.50.*1\.45.*1\.30.*1\.40.*已议定/ })
    .waitFor();
  await shot(co, 'agreed');
  await co.getByRole('tab', { name: '收费项目' }).click();
  await co
    .getByTestId('fee-items')
    .getByRole('row', { name: /物业服务费.*1\.40 元\/㎡·月/ })
    .waitFor();
  await shot(co, 'fee-items');
  await org.reload();
  await org.getByTestId('fp-state').getByText('已议定').waitFor();
  await shot(org, 'agreed-owners');
});

/** Paper ballots for everyone on the roll, all agreeing, each with its scan; then 截止计票 and 公示. */
async function runVote(orgApi: Api, matterId: string) {
  const base = `/api/v1/voting/matters/${matterId}`;
  const part = await orgApi.get<Participation>(`${base}/participation`);
  for (const [j, e] of part.notVoted.entries()) {
    const serial = `FP-${String(j + 1).padStart(4, '0')}`;
    const scan = await orgApi.scan(matterId, `${serial}.pdf`);
    await orgApi.send('POST', `${base}/paper-ballots`, { unit: e.units[0], serial, scanId: scan.id, choice: 'agree' });
  }
  for (const step of ['close', 'publish']) {
    const { version } = await orgApi.get<Matter>(base);
    await orgApi.send('POST', `${base}/${step}`, { version });
  }
  const m = await orgApi.get<Matter>(base);
  assert.equal(m.result?.outcome, 'PASS');
}
