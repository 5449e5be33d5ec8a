import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { clock } from '../src/kernel/clock.ts';
import { quarterOf } from '../src/web/finance/public-revenue.ts';
import { parseYuan } from '../src/web/format.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';
import { button, choose, SHOTS } from './voting-helpers.ts';

/**
 * 公共收益 in the browser: the community makes the estate's account co-managed with a 1-day 公示 (the least the
 * server allows); the company records a parking income with its evidence and cost share; the committee's first
 * proposal on its own resolution is refused (the 议事规则 let it decide nothing alone), so it records a ¥10,000 limit
 * on the 议事规则 page; it proposes a spending within it, which cannot be paid during its 公示; a ¥50,000 one is
 * refused at proposal (above the limit), and so is an ¥8,000 one (more than the account has available), both in the
 * server's words; a third is put on 公示 and withdrawn with a reason; the community co-signs; a day later (on the
 * server's clock: the committee's browser stays a day behind) the committee pays; the quarterly disclosure shows the
 * income, the spending and the balances, and downloads as xlsx; the resident reads it on the phone; the year-end
 * transfer is refused before the year is over, and in the next January the street office moves half the year's
 * surplus into the maintenance fund, dated that day; the new quarter's disclosure shows it, in English too.
 * Run: npm test e2e/public-revenue.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  clock.reset();
  await h?.close();
});

const DAY = 86_400_000;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `public-revenue-${name}.png`), fullPage: true, animations: 'disabled' });
const modal = (page: Page) => page.locator('.ant-modal-container');
const okButton = (page: Page) => modal(page).getByRole('button', { name: button('确定') });
const saveButton = (page: Page) => modal(page).getByRole('button', { name: /保\s*存$/ });
/** A money figure (antd Statistic) on the page, in fen. */
async function fenOf(page: Page, testId: string) {
  const text = (await page.getByTestId(testId).locator('.ant-statistic-content').textContent()) ?? '';
  const fen = parseYuan(text);
  assert.ok(fen !== null, `not an amount: ${text}`);
  return fen;
}
/** Waits until a Statistic shows the amount: the page reloads its data after each step. */
const shows = (page: Page, testId: string, text: string) =>
  page.getByTestId(testId).locator('.ant-statistic-content').getByText(text, { exact: true }).waitFor();

/**
 * How far the server's clock (and with it the browsers') runs ahead of the real one. The 公示 lasts a day at least
 * and the year-end transfer waits for the next year, so the test moves the clocks forward rather than wait. Whether a
 * 公示 is over the page decides from the server's time; the browsers' clocks move so that "this quarter" and "today"
 * follow (a browser left behind, `behind`, shows that the 公示 does not depend on it).
 */
let offset = 0;
const contexts: BrowserContext[] = [];
async function open(opts: { mobile?: boolean } = {}) {
  const { page, context } = await h.newPage(opts);
  await context.clock.install({ time: Date.now() + offset });
  contexts.push(context);
  return page;
}
async function passTime(ms: number, behind: Page[] = []) {
  offset += ms;
  clock.advance(ms);
  // The time is set rather than fast-forwarded: weeks of fast-forward leave antd's opening animations stuck.
  for (const c of contexts)
    if (!behind.some((p) => p.context() === c)) await c.clock.setSystemTime(Date.now() + offset);
}
const shanghaiDate = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

async function openRevenue(page: Page, estateName: string) {
  await page.getByRole('menuitem', { name: '公共收益' }).click();
  await page.waitForURL(/\/finance\/public-revenue/);
  await choose(page, page.getByTestId('estate-picker'), estateName);
  await page.getByTestId('pr-balance').locator('.ant-statistic-content').waitFor();
}

test('income with evidence; the committee’s limit; spendings refused, withdrawn, paid after 公示; disclosure; year-end transfer', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Everything below happens today and tomorrow: both must fall in one quarter, or the clocks start two days on.
  const now = Date.now();
  const q = (ms: number) => JSON.stringify(quarterOf(shanghaiDate(ms)));
  if (q(now) !== q(now + DAY + 3_600_000)) {
    offset = 2 * DAY;
    clock.advance(offset);
  }
  const estate = await h.handle.db
    .selectFrom('estates')
    .select(['id', 'name'])
    .where('code', '=', 'JC-001')
    .executeTakeFirstOrThrow();

  // 设置: the community co-manages the account; spending stays on 公示 for a day (the server's minimum).
  const community = await open();
  await passwordLogin(community, 'wangjiang.community');
  await community.waitForURL(`${h.baseUrl}/`);
  await openRevenue(community, estate.name);
  await shows(community, 'pr-publicity-days', '7 天');
  assert.equal(await community.getByTestId('pr-record-income').count(), 0, 'the company records incomes');
  await community.getByTestId('pr-settings').click();
  const settings = community.getByTestId('settings-form');
  await settings.getByRole('switch').click();
  await settings.getByLabel('支出公示期').fill('1');
  await saveButton(community).click();
  await community.getByText('设置已保存').waitFor();
  await shows(community, 'pr-co-managed', '是（支付须社区会签）');
  await shows(community, 'pr-publicity-days', '1 天');

  // 登记收入: the company's parking income, less its agreed cost share, with the fee report as evidence.
  const company = await open();
  await passwordLogin(company, 'company.admin');
  await company.waitForURL(`${h.baseUrl}/`);
  await openRevenue(company, estate.name);
  await shows(company, 'pr-balance', '¥0.00');
  assert.equal(await company.getByTestId('pr-propose').count(), 0, 'the committee spends');
  await company.getByTestId('pr-record-income').click();
  const income = company.getByTestId('income-form');
  await income.getByLabel('停车收益').check();
  await income.getByLabel('说明').fill('临时停车费（月度）');
  await income.getByLabel('收入总额').fill('12345.67');
  await income.getByLabel('成本分成').fill('20000');
  await income.getByText('成本分成须小于收入总额').waitFor();
  await income.getByLabel('成本分成').fill('3000');
  await company.getByTestId('income-net').getByText('归入业主共有账户：¥9,345.67').waitFor();
  await income.getByLabel('收入依据').fill('停车收费月报 PK-11');
  await shot(company, 'income-form');
  await saveButton(company).click();
  await company.getByText('收入已登记，¥9,345.67 归入业主共有账户').waitFor();
  await company
    .getByTestId('pr-incomes')
    .getByRole('row', { name: /停车收益.*临时停车费.*¥12,345\.67.*¥3,000\.00.*¥9,345\.67.*停车收费月报 PK-11/ })
    .waitFor();
  await shows(company, 'pr-balance', '¥9,345.67');
  await shot(company, 'income');

  // 支出申请 on the committee's own resolution: the estate's 议事规则 do not yet let it decide any spending alone.
  const committee = await open();
  await passwordLogin(committee, 'committee.member');
  await committee.waitForURL(`${h.baseUrl}/`);
  await openRevenue(committee, estate.name);
  await shows(committee, 'pr-balance', '¥9,345.67');
  await shows(committee, 'pr-available', '¥9,345.67');
  assert.equal(await committee.getByTestId('pr-record-income').count(), 0);
  assert.equal(await committee.getByTestId('pr-settings').count(), 0, 'the street office and community set it');
  const form = committee.getByTestId('spending-form');
  const fill = async (item: string, amount: string, resolution: string) => {
    await form.getByLabel('支出项目').fill(item);
    await form.getByLabel('用途说明').fill(`${item}，详见业委会会议纪要`);
    await form.getByLabel('金额').fill(amount);
    await form.getByLabel('决定内容').fill(resolution);
  };
  const refused = (text: string) => committee.getByTestId('pr-dialog-error').getByText(text).waitFor();
  const cancelButton = (page: Page) => modal(page).getByRole('button', { name: button('取消') });
  await committee.getByTestId('pr-propose').click();
  await fill('更换健身器材', '2500.50', '业委会 2026 年第 5 次会议决议');
  await form
    .getByTestId('spending-limit')
    .getByText('议事规则未授权业委会自行决定支出：每笔支出均须业主表决')
    .waitFor();
  await saveButton(committee).click();
  await refused('议事规则只允许业主委员会决定 0.00 元以内的支出；超出部分须经业主表决');
  await refused('请改选“业主表决”并选择已通过的表决事项，或减少金额。');
  await cancelButton(committee).click();

  // 议事规则: the committee records the limit the assembly adopted, ¥10,000 on screen, fen on the wire.
  await committee.getByRole('menuitem', { name: '议事规则' }).click();
  await committee.waitForURL(/\/voting\/rules/);
  await choose(committee, committee.getByTestId('estate-picker'), estate.name);
  const rules = committee.getByTestId('rules-form');
  const limit = rules.getByLabel('业委会可自行决定的公共收益支出上限（元）');
  assert.equal(await limit.inputValue(), '0.00');
  await rules.getByTestId('spend-limit-now').getByText('当前：每笔支出均须业主表决').waitFor();
  await limit.fill('10000');
  await rules
    .getByTestId('spend-limit-now')
    .getByText('当前：¥10,000.00 以内的支出可由业委会决定，超出须业主表决')
    .waitFor();
  await shot(committee, 'rules');
  await rules.getByRole('button', { name: '保存议事规则' }).click();
  await committee.getByText('议事规则已保存').waitFor();
  await rules.getByText(/^已登记，第 \d+ 版$/).waitFor();
  assert.equal(await limit.inputValue(), '10000.00', 'read back as saved');
  const recorded = await h.handle.db
    .selectFrom('assembly_rules')
    .select('committee_spend_limit_fen')
    .where('estate_id', '=', estate.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(recorded.committee_spend_limit_fen), 1_000_000, 'in fen');

  // Within the limit and the money available, a spending goes on 公示.
  await openRevenue(committee, estate.name);
  const propose = async (item: string, amount: string, resolution: string) => {
    await committee.getByTestId('pr-propose').click();
    await fill(item, amount, resolution);
    await modal(committee).getByText('公示 1 天期满后方可支付').waitFor();
    if (item === '更换健身器材') {
      await form
        .getByTestId('spending-limit')
        .getByText('议事规则：业委会可决定 ¥10,000.00 以内的支出，超出须业主表决')
        .waitFor();
      await form.getByTestId('spending-available').getByText('可用余额 ¥9,345.67（已扣除公示中的支出）').waitFor();
      await shot(committee, 'spending-form');
    }
    await saveButton(committee).click();
    await committee
      .getByText(/^支出已进入公示，公示期至 /)
      .last()
      .waitFor();
  };
  await propose('更换健身器材', '2500.50', '业委会 2026 年第 5 次会议决议');
  await shows(committee, 'pr-available', '¥6,845.17');
  await shows(committee, 'pr-balance', '¥9,345.67');

  // Refused at proposal, in the server's words: above the committee's limit; then more than is available.
  await committee.getByTestId('pr-propose').click();
  await fill('外墙翻新', '50000', '业委会 2026 年第 6 次会议决议');
  await form
    .getByTestId('spending-limit')
    .getByText('超过议事规则允许业委会决定的 ¥10,000.00：须以业主表决为依据')
    .waitFor();
  await saveButton(committee).click();
  await refused('议事规则只允许业主委员会决定 10000.00 元以内的支出；超出部分须经业主表决');
  await shot(committee, 'over-limit');
  await fill('外墙局部修补', '8000', '业委会 2026 年第 6 次会议决议');
  await form
    .getByTestId('spending-available')
    .getByText('超过可用余额 ¥6,845.17（已扣除公示中的支出），平台将拒绝')
    .waitFor();
  await saveButton(committee).click();
  await refused('支出超过公共收益账户可用余额 6845.17 元（已扣除公示中的支出）');
  await refused('可撤回不再进行的公示中支出，或待新的收入入账后再申请。');
  await shot(committee, 'over-available');
  await cancelButton(committee).click();

  // 撤回: a spending on 公示 that will not be made is withdrawn with its reason; its money is available again.
  const row = (page: Page, item: string) => page.getByTestId('pr-spendings').getByRole('row').filter({ hasText: item });
  await propose('绿化补种', '1000', '业委会 2026 年第 7 次会议决议');
  await shows(committee, 'pr-available', '¥5,845.17');
  await row(committee, '绿化补种')
    .getByRole('button', { name: button('撤回') })
    .click();
  await modal(committee).getByText('撤回支出“绿化补种”（¥1,000.00）').waitFor();
  await committee.getByTestId('cancel-form').getByLabel('撤回原因').fill('业主提出异议，改为明年实施');
  await shot(committee, 'cancel');
  await modal(committee)
    .getByRole('button', { name: button('撤回') })
    .click();
  await committee.getByText('已撤回“绿化补种”').waitFor();
  await row(committee, '绿化补种').getByText('已撤回', { exact: true }).waitFor();
  assert.equal(await row(committee, '绿化补种').getByRole('button').count(), 0, 'nothing more to do with it');
  await shows(committee, 'pr-available', '¥6,845.17');

  // The 公示 ends a day from now, shown in Shanghai time as the page shows times.
  const until = new Date(Date.now() + offset + DAY).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
  const gym = row(committee, '更换健身器材');
  await gym.getByText('公示中').waitFor();
  await gym.getByText('待社区会签').waitFor();
  await gym.getByText(until, { exact: false }).first().waitFor();
  await gym.getByText('¥2,500.50').waitFor();
  await gym.getByText('业委会 2026 年第 5 次会议决议').waitFor();
  const pay = (page: Page, item: string) => row(page, item).getByRole('button', { name: button('支付') });
  assert.equal(await pay(committee, '更换健身器材').isDisabled(), true, 'not during its 公示');
  await pay(committee, '更换健身器材').hover();
  await committee
    .locator('.ant-tooltip')
    .getByText(/^公示期至 .*，期满后方可支付$/)
    .waitFor();
  await shot(committee, 'proposed');

  // 共管会签: the community co-signs the spending on 公示; the withdrawn one needs nothing.
  await community.reload();
  await row(community, '更换健身器材')
    .getByRole('button', { name: button('会签') })
    .click();
  await okButton(community).click();
  await row(community, '更换健身器材').getByText('已会签').waitFor();
  assert.equal(await row(community, '绿化补种').getByRole('button').count(), 0);
  await shot(community, 'cosigned');

  // A day later the 公示 is over by the server's clock; the committee's browser, left a day behind, goes by it.
  await passTime(DAY + 60_000, [committee]);
  await committee.reload();
  await row(committee, '更换健身器材').getByText('公示期满，待支付').waitFor();
  await pay(committee, '更换健身器材').click();
  await modal(committee)
    .locator('.ant-modal-confirm-title')
    .getByText('从业主共有账户支付“更换健身器材”¥2,500.50？')
    .waitFor();
  await okButton(committee).click();
  await committee.getByText('已支付 ¥2,500.50').waitFor();
  const paidOn = shanghaiDate(Date.now() + offset);
  await row(committee, '更换健身器材').getByText('已支付').waitFor();
  await row(committee, '更换健身器材').getByText(`支付日期 ${paidOn}`).waitFor();
  await shows(committee, 'pr-balance', '¥6,845.17');
  await shows(committee, 'pr-available', '¥6,845.17');
  await shot(committee, 'paid');

  // 季度公示: the quarter's balances and movements, and the same as a spreadsheet.
  await committee.getByRole('tab', { name: '季度公示' }).click();
  const { year, quarter } = quarterOf(paidOn);
  await committee.getByTestId('quarter-switch').getByText(`${year} 年第 ${quarter} 季度`).waitFor();
  await shows(committee, 'pr-closing', '¥6,845.17');
  assert.equal(await fenOf(committee, 'pr-opening'), 0);
  assert.equal(await fenOf(committee, 'pr-income'), 934_567);
  assert.equal(await fenOf(committee, 'pr-spending'), 250_050);
  await committee.getByTestId('pr-by-source').getByText('停车收益 ¥9,345.67').waitFor();
  const moves = committee.getByTestId('pr-movements');
  await moves.getByRole('row', { name: /收入.*停车收益 · 临时停车费.*¥3,000\.00.*\+¥9,345\.67.*PK-11/ }).waitFor();
  await moves.getByRole('row', { name: /支出.*更换健身器材.*-¥2,500\.50.*第 5 次会议决议/ }).waitFor();
  assert.equal(await moves.getByText('绿化补种').count(), 0, 'only what was paid');
  await shot(committee, 'statement');
  const download = committee.waitForEvent('download');
  await committee.getByTestId('pr-export').click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `公共收益-${year}Q${quarter}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
  assert.equal(rows.length, 3, 'a header, the income and the spending');
  assert.deepEqual(rows[0], ['日期', '收支', '项目', '金额（元）', '依据']);
  const lines = rows.slice(1).map(([, kind, what, yuan, basis]) => [kind, what, yuan, basis]);
  assert.deepEqual(
    lines.sort((a, b) => Number(a[2]) - Number(b[2])),
    [
      ['支出', '更换健身器材 更换健身器材，详见业委会会议纪要', -2500.5, '业委会 2026 年第 5 次会议决议'],
      ['收入', '停车 临时停车费（月度）', 9345.67, '停车收费月报 PK-11'],
    ],
  );

  // The resident, on the phone: 我的房屋 → 公共收益公示.
  const resident = await open({ mobile: true });
  await phoneLogin(resident, contexts[contexts.length - 1]);
  await resident.getByTestId('public-revenue-entry').getByText('公共收益公示').waitFor();
  await shot(resident, 'h5-home');
  await resident.getByTestId('public-revenue-entry').click();
  await resident.waitForURL(/\/h5\/public-revenue$/);
  const card = resident.getByTestId('h5-statement').filter({ hasText: estate.name });
  await card.getByTestId('h5-closing').getByText('¥6,845.17').waitFor();
  await card.getByTestId('h5-income').getByText('¥9,345.67').waitFor();
  await card.getByTestId('h5-spending').getByText('¥2,500.50').waitFor();
  await card.getByTestId('h5-income-line').filter({ hasText: '临时停车费' }).getByText('+¥9,345.67').waitFor();
  await card.getByTestId('h5-spending-line').filter({ hasText: '更换健身器材' }).getByText('-¥2,500.50').waitFor();
  await resident.getByTestId('quarter-switch').getByText(`${year} 年第 ${quarter} 季度`).waitFor();
  await shot(resident, 'h5');

  // 转入维修资金 waits for the year to be over: the street office asks for this year's and is told so.
  const street = await open();
  await passwordLogin(street, 'wangjiang.street');
  await street.waitForURL(`${h.baseUrl}/`);
  await openRevenue(street, estate.name);
  await shows(street, 'pr-balance', '¥6,845.17');
  await street.getByTestId('pr-transfer').click();
  const transferYear = street.getByTestId('transfer-form').getByLabel('年度');
  assert.equal(await transferYear.inputValue(), String(year - 1), 'the last year that is over');
  await transferYear.fill(String(year));
  const preview = `${year} 年度结余 ¥6,845.17，转入 ¥3,422.58`;
  await street.getByTestId('transfer-preview').getByText(preview).waitFor();
  await modal(street).getByRole('button', { name: '转入维修资金' }).click();
  await street
    .getByTestId('pr-dialog-error')
    .getByText(`${year} 年度尚未结束，年度结余待年度结束后方可转入维修资金`)
    .waitFor();
  await modal(street)
    .getByRole('button', { name: button('取消') })
    .click();

  // The next January (the server's and the browsers' clocks): half the year's surplus moves into the fund,
  // apportioned to every unit by area, dated the day it moves.
  await passTime(Date.parse(`${year + 1}-01-05T10:00:00+08:00`) - (Date.now() + offset));
  const movedOn = shanghaiDate(Date.now() + offset);
  assert.equal(movedOn, `${year + 1}-01-05`);
  await street.reload();
  await shows(street, 'pr-balance', '¥6,845.17');
  await street.getByTestId('pr-transfer').click();
  assert.equal(await transferYear.inputValue(), String(year), 'the year just ended');
  await street.getByTestId('transfer-preview').getByText(preview).waitFor();
  await shot(street, 'transfer');
  await modal(street).getByRole('button', { name: '转入维修资金' }).click();
  await street.getByText(/^已转入 ¥3,422\.58，分摊至 \d+ 户$/).waitFor();
  await shows(street, 'pr-balance', '¥3,422.59');
  await shows(street, 'pr-available', '¥3,422.59');
  const transferred = row(street, '年度结余转入专项维修资金');
  await transferred.getByText('已支付').waitFor();
  await transferred.getByText(`支付日期 ${movedOn}`).waitFor();
  await shot(street, 'transferred');

  // The new quarter's disclosure opens on the year's balance and shows the transfer; in English, and its download.
  await street.getByRole('tab', { name: '季度公示' }).click();
  await street
    .getByTestId('quarter-switch')
    .getByText(`${year + 1} 年第 1 季度`)
    .waitFor();
  await shows(street, 'pr-opening', '¥6,845.17');
  await shows(street, 'pr-spending', '¥3,422.58');
  await shows(street, 'pr-closing', '¥3,422.59');
  await street
    .getByTestId('pr-movements')
    .getByRole('row', { name: /支出.*年度结余转入专项维修资金.*-¥3,422\.58.*按规定转存 50%/ })
    .waitFor();
  await street.getByTestId('lang-switch').getByText('EN').click();
  await street.getByText('Closing balance').waitFor();
  await street
    .getByTestId('quarter-switch')
    .getByText(`Q1 ${year + 1}`)
    .waitFor();
  await shot(street, 'statement-en');
  const enDownload = street.waitForEvent('download');
  await street.getByTestId('pr-export').click();
  const en = new ExcelJS.Workbook();
  await en.xlsx.readFile(await (await enDownload).path());
  const enRows = (en.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
  assert.deepEqual(enRows[0], ['Date', 'In/out', 'Item', 'Amount (yuan)', 'Basis']);
  assert.deepEqual(
    enRows.slice(1).map(([, kind, what, yuan]) => [kind, what, yuan]),
    [['Spending', `年度结余转入专项维修资金 ${year} 年度结余 6845.17 元的 50%`, -3422.58]],
  );
});
