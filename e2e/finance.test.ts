import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseYuan } from '../src/web/format.ts';
import type { Estate, Page as ListPage } from '../src/web/types.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';
import { apiOf, button, choose, SHOTS } from './voting-helpers.ts';

/**
 * 收费 in the browser: the city sets the 物业服务费 cap for the demo estate's grade; the company is refused a service
 * fee above it until it records the approval, adds a parking fee and bills a month for all its estates, following
 * the job's progress; the demo resident pays their unit's bills through the simulated WeChat Pay and gets a receipt;
 * the desk sees the bill paid and takes cash for another unit, and opens its printable receipt.
 * Run: npm test e2e/finance.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const PERIOD = '2026-04';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `finance-${name}.png`), fullPage: true });
/** A money figure on the page, "¥1,234.56", in fen. */
const fenOf = async (page: Page, testId: string) => {
  const text = (await page.getByTestId(testId).locator('.ant-statistic-content').textContent()) ?? '';
  const fen = parseYuan(text);
  assert.ok(fen !== null, `not an amount: ${text}`);
  return fen;
};
const modal = (page: Page) => page.locator('.ant-modal-container');
/**
 * A 保存 button, once it has been loading: antd may leave the spinner's "loading" label in it while the icon's
 * leave animation is pending, so the name is matched at its end only.
 */
const saveButton = (scope: ReturnType<Page['locator']>) => scope.getByRole('button', { name: /保\s*存$/ });

test('the city caps the service fee, a company bills a month, the owner pays online and the desk takes cash', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });

  // 收费标准: the city regulator sets the cap for the grade of the demo resident's estate.
  const { page: city } = await h.newPage();
  await passwordLogin(city, 'city.admin');
  await city.waitForURL(`${h.baseUrl}/`);
  const cityApi = await apiOf(city);
  const found = await cityApi.get<ListPage<Estate>>('/api/v1/estates?q=JC-001');
  const estate = await cityApi.get<Estate>(`/api/v1/estates/${found.items[0].id}`);
  await city.getByRole('menuitem', { name: '收费标准' }).click();
  await city.waitForURL(/\/finance\/caps$/);
  const cap = city.getByTestId(`cap-${estate.serviceGrade}`);
  await cap.getByRole('textbox').fill('1.50');
  await saveButton(cap).click();
  await city.getByText(`${estate.serviceGrade} 级服务的上限已保存`).waitFor();
  await shot(city, 'caps');

  // 收费项目: a service fee above the cap is refused, naming the cap, until the approval is recorded.
  const { page: co } = await h.newPage();
  await passwordLogin(co, 'company.admin');
  await co.waitForURL(`${h.baseUrl}/`);
  await co.getByRole('menuitem', { name: '收费管理' }).click();
  await co.waitForURL(/\/finance$/);
  await choose(co, co.getByTestId('estate-picker'), estate.name);
  await co.getByTestId('cap-hint').getByText('政府指导价上限 1.50 元/㎡·月').waitFor();
  await co.getByRole('button', { name: '新增收费项目' }).click();
  const form = co.getByTestId('fee-item-form');
  await form.getByLabel('项目名称').fill('物业服务费');
  await form.getByRole('switch').click();
  await form.getByLabel('单价').fill('2.2');
  await form.getByText('单价高于政府指导价上限').waitFor();
  await saveButton(modal(co)).click();
  await co
    .getByTestId('fee-item-error')
    .getByText(/上限 1\.50 元/)
    .waitFor();
  await shot(co, 'above-cap');
  await form.getByLabel('超上限批准依据').fill('经市发改委批复（江发改价〔2026〕12号）');
  await saveButton(modal(co)).click();
  await co.getByText('收费项目已保存').waitFor();
  const items = co.getByTestId('fee-items');
  await items.getByRole('row', { name: /物业服务费.*2\.20 元\/㎡·月.*超上限/ }).waitFor();

  // A parking fee: per space and month, for parking spaces only.
  await co.getByRole('button', { name: '新增收费项目' }).click();
  await form.getByLabel('项目名称').fill('车位管理费');
  await form.getByLabel('按户每月').check();
  await form.getByLabel('单价').fill('60');
  await form.getByLabel('住宅').uncheck();
  await form.getByLabel('车位').check();
  await saveButton(modal(co)).click();
  await items.getByRole('row', { name: /车位管理费.*60\.00 元\/户·月.*车位/ }).waitFor();
  await shot(co, 'items');

  // 出账: the month for both of the company's estates, as a job whose progress the page follows to the end.
  await co.getByRole('tab', { name: '出账与账单' }).click();
  await co.waitForURL(/\/finance\/bills\?estateId=/);
  const period = co.locator('[data-testid=period-picker] input, input[data-testid=period-picker]');
  await period.click();
  await period.fill(PERIOD);
  await period.press('Enter');
  await co.getByLabel('本企业全部小区（2 个）').check();
  await co.getByTestId('run-bills').click();
  await co.getByTestId('run-result').getByText(`${PERIOD} 出账完成`).waitFor({ timeout: 60_000 });
  await co.getByTestId('run-progress').locator('.ant-progress-status-success').waitFor();
  const owedBefore = await fenOf(co, 'total-owed');
  assert.ok(owedBefore > 0, 'the month is owed');
  await shot(co, 'billed');

  // The owner, on the phone: 我的账单 → 去缴费 → simulated WeChat Pay → the receipt.
  const { page: rp, context: rc } = await h.newPage({ mobile: true });
  await phoneLogin(rp, rc);
  await rp
    .getByTestId('bills-entry')
    .getByText(/待缴 ¥/)
    .waitFor();
  await shot(rp, 'h5-home');
  await rp.getByTestId('bills-entry').click();
  await rp.waitForURL(/\/h5\/bills$/);
  const unit = rp.getByTestId('unit-bills').filter({ hasText: '1号楼 101' });
  await unit.getByText(`${PERIOD} 物业服务费`).waitFor();
  const due = parseYuan((await unit.getByTestId('unit-due').textContent()) ?? '') as number;
  await shot(rp, 'h5-bills');
  await unit.getByRole('button', { name: '去缴费' }).click();
  const sheet = rp.locator('.ant-drawer');
  await sheet.getByText('微信支付').waitFor();
  await sheet.getByRole('button', { name: /^确认缴费 ¥/ }).click();
  // The cashier says plainly that it is the simulator.
  await sheet.getByText('模拟支付', { exact: true }).waitFor();
  await shot(rp, 'h5-cashier');
  await sheet.getByRole('button', { name: '确认支付' }).click();
  await rp.waitForURL(/\/h5\/receipts\/[0-9a-f-]+\?paid=1$/);
  await rp.getByTestId('pay-success').getByText('缴费成功').waitFor();
  const receiptNo = (await rp.getByTestId('receipt-no').textContent()) ?? '';
  assert.match(receiptNo, /^\d{4}-[0-9A-F]{6}-\d{6}$/);
  await rp.getByTestId('receipt-line').filter({ hasText: '物业服务费' }).waitFor();
  assert.equal(parseYuan((await rp.getByTestId('receipt-total').textContent()) ?? ''), due);
  await shot(rp, 'h5-receipt');
  await rp.getByRole('button', { name: '返回我的账单' }).click();
  await rp.getByTestId('unit-bills').filter({ hasText: '1号楼 101' }).getByText('已全部缴清').waitFor();

  // The desk sees the owner's bills paid: 欠费 dropped by what they paid.
  await co.reload();
  await co.getByTestId('bills-table').getByRole('row').nth(1).waitFor();
  assert.equal(await fenOf(co, 'total-owed'), owedBefore - due);
  const search = co.getByPlaceholder('按房屋筛选');
  await search.fill('1号楼 101');
  await search.press('Enter');
  await co
    .getByTestId('bills-table')
    .getByRole('row', { name: /1号楼 101.*物业服务费.*已缴清/ })
    .waitFor();

  // 收款: cash for another unit, with its voucher, then its printable receipt.
  await co.getByTestId('unpaid-only').click();
  await search.fill('1号楼 102');
  await search.press('Enter');
  const row = co.getByTestId('bills-table').getByRole('row', { name: /1号楼 102.*物业服务费/ });
  await row.getByRole('button', { name: button('收款') }).click();
  const desk = co.getByTestId('desk-form');
  const amount = parseYuan(await desk.getByLabel('收款金额').inputValue()) as number;
  assert.ok(amount > 0, 'the amount defaults to what the unit owes');
  await desk.getByLabel('凭证号').fill(`XJ${PERIOD.replace('-', '')}-001`);
  await shot(co, 'desk');
  await modal(co).getByRole('button', { name: '确认收款' }).click();
  const deskNo = ((await co.getByTestId('desk-receipt-no').textContent()) ?? '').replace('收据号', '').trim();
  assert.match(deskNo, /^\d{4}-[0-9A-F]{6}-\d{6}$/);
  assert.notEqual(deskNo, receiptNo);
  await modal(co).getByRole('button', { name: '查看收据' }).click();
  await co.waitForURL(/\/finance\/receipts\/[0-9a-f-]+$/);
  const receipt = co.getByTestId('receipt');
  await receipt.getByText(deskNo).waitFor();
  await receipt.getByText('现金').waitFor();
  await receipt.getByText('1号楼 102').waitFor();
  assert.equal(parseYuan((await co.getByTestId('receipt-total').textContent()) ?? ''), amount);
  await shot(co, 'receipt');
  // On paper only the receipt is printed.
  await co.emulateMedia({ media: 'print' });
  assert.equal(await co.getByTestId('side-menu').isVisible(), false);
  await shot(co, 'receipt-print');
  await co.emulateMedia({ media: 'screen' });

  // Back on the bills: the unit no longer owes; the page in English.
  await co.getByRole('button', { name: /返\s*回/ }).click();
  await co.waitForURL(new RegExp(`/finance/bills\\?.*period=${PERIOD}`));
  assert.equal(await fenOf(co, 'total-owed'), owedBefore - due - amount);
  await co.getByTestId('lang-switch').getByText('EN').click();
  await co.getByText('Outstanding only').waitFor();
  await shot(co, 'bills-en');
});
