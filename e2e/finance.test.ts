import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { lateFee } from '../src/modules/finance/billing.ts';
import type { ArrearsAging } from '../src/web/finance/fees.ts';
import type { EstateBills } from '../src/web/finance/types.ts';
import { formatFen, parseYuan } from '../src/web/format.ts';
import type { Estate, Page as ListPage } from '../src/web/types.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';
import { apiOf, button, choose, SHOTS } from './voting-helpers.ts';

/**
 * 收费 in the browser: the city sets the 物业服务费 cap for the demo estate's grade; the company is refused a service
 * fee above it until it records the approval, adds a parking fee and bills a month for all its estates, following
 * the job's progress, and downloads the month's bills as xlsx; the demo resident pays their unit's bills through
 * the simulated WeChat Pay and gets a receipt; the desk sees the bill paid and takes cash for another unit, and
 * opens its printable receipt; then 欠费: the aging report no longer lists the two paid units and lists the others,
 * downloads as xlsx, refuses the non-payer list with the due process still to do, records two written reminders
 * (the report counts them), lists the unit (tagged, not listable twice), takes it off the list with a reason (kept
 * on record, greyed), sends reminders to the owners, and shows 违约金 (counted, not billed) once the contract's
 * late-fee clause is recorded.
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
/** The aging report's month: the April bills are six months old by then. */
const AS_OF = '2026-10';
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
/** The open dialog closes; if the server refuses instead, the test fails with its reason. */
async function closes(page: Page) {
  const end = Date.now() + 15_000;
  while (await modal(page).count()) {
    const refusal = modal(page).getByRole('alert');
    if (await refusal.count()) assert.fail(`refused: ${await refusal.textContent()}`);
    assert.ok(Date.now() < end, 'the dialog stays open');
    await new Promise((r) => setTimeout(r, 200));
  }
}
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
  await co.getByLabel('本企业全部小区').check();
  await co.getByTestId('run-bills').click();
  await co.getByTestId('run-result').getByText(`${PERIOD} 出账完成`).waitFor({ timeout: 60_000 });
  await co.getByTestId('run-progress').locator('.ant-progress-status-success').waitFor();
  const owedBefore = await fenOf(co, 'total-owed');
  assert.ok(owedBefore > 0, 'the month is owed');
  await shot(co, 'billed');
  const coApi = await apiOf(co);

  // 导出: all the month's bills (the table reads the first 500) as the server's spreadsheet.
  const month = await coApi.get<EstateBills>(`/api/v1/finance/estates/${estate.id}/bills?period=${PERIOD}`);
  const billsDownload = co.waitForEvent('download');
  await co.getByTestId('bills-xlsx').click();
  const billsFile = await billsDownload;
  assert.equal(billsFile.suggestedFilename(), `账单-${PERIOD}.xlsx`);
  const billsBook = new ExcelJS.Workbook();
  await billsBook.xlsx.readFile(await billsFile.path());
  const billRows = (billsBook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
  assert.deepEqual(billRows[0].slice(0, 4), ['房屋', '收费项目', '计费天数', '应收（元）']);
  assert.equal(billRows.length, month.count + 1);
  const billed = billRows.slice(1).reduce((sum, r) => sum + Math.round(Number(r[3]) * 100), 0);
  assert.equal(billed, month.amountFen);

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

  // 欠费: the aging report as of October, back in Chinese. All that is owed is April's, six months old.
  await co.getByTestId('lang-switch').getByText('中文').click();
  await co.getByRole('tab', { name: '欠费' }).click();
  await co.waitForURL(/\/finance\/arrears\?estateId=/);
  const asOf = co.locator('[data-testid=arrears-as-of] input, input[data-testid=arrears-as-of]');
  await asOf.click();
  await asOf.fill(AS_OF);
  await asOf.press('Enter');
  await co.waitForURL(new RegExp(`asOf=${AS_OF}`));
  const owedNow = owedBefore - due - amount;
  await co.getByTestId('arrears-m6_12').getByText(formatFen(owedNow)).waitFor();
  assert.equal(await fenOf(co, 'arrears-total'), owedNow);
  assert.equal(await fenOf(co, 'arrears-m0_3'), 0);
  await co.getByTestId('no-late-fee').getByText('未约定违约金').waitFor();
  const aging = await coApi.get<ArrearsAging>(`/api/v1/finance/estates/${estate.id}/arrears?asOf=${AS_OF}`);
  const labels = aging.units.map((u) => u.label);
  assert.ok(!labels.includes('1号楼 101') && !labels.includes('1号楼 102'), 'the two paid units are gone');
  const other = aging.units.find((u) => u.label.startsWith('1号楼 ')) as ArrearsAging['units'][number];
  assert.ok(other, 'another unit of the building still owes');
  const table = co.getByTestId('arrears-table');
  const search2 = co.getByPlaceholder('按房屋筛选');
  await search2.fill('1号楼 101');
  await search2.press('Enter');
  await table.getByText(`截至 ${AS_OF} 没有欠费`).waitFor();
  await search2.fill(other.label);
  await search2.press('Enter');
  const otherRow = table.getByRole('row', { name: new RegExp(`${other.label}.*${PERIOD}.*欠费 6 个月`) });
  await otherRow.getByText(formatFen(other.totalFen)).first().waitFor();
  await shot(co, 'arrears');

  // The report as a spreadsheet: one row per unit owing, with the same amounts.
  const download = co.waitForEvent('download');
  await co.getByTestId('arrears-xlsx').click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `欠费账龄-${AS_OF}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const xlsx = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
  assert.equal(xlsx[0][0], '房屋');
  assert.equal(xlsx.length, aging.units.length + 1);
  const line = xlsx.find((r) => r[0] === other.label) as unknown[];
  assert.equal(Math.round(Number(line[line.length - 1]) * 100), other.totalFen);

  // 催缴: the non-payer list is refused until the due process is done; a written reminder is recorded.
  await otherRow.getByRole('button', { name: '列入恶意拖欠名单' }).click();
  await modal(co).getByLabel('理由').fill('长期拒缴');
  await modal(co).getByRole('button', { name: '列入恶意拖欠名单' }).click();
  await co
    .getByTestId('defaulter-error')
    .getByText(/须欠费满 6 个月并已送达 2 次书面催缴.*书面催缴 0 次/)
    .waitFor();
  await shot(co, 'defaulter-refused');
  await modal(co)
    .getByRole('button', { name: button('取消') })
    .click();
  await otherRow.getByRole('button', { name: '书面催缴' }).click();
  await modal(co).getByLabel('送达凭证').fill('EMS 挂号信 1100 0000 0001');
  await modal(co)
    .getByRole('button', { name: button('确定') })
    .click();
  await closes(co);
  await co.getByText('书面催缴已登记').waitFor();
  await otherRow.getByTestId('written-count').getByText('1 次').waitFor();

  // A second one completes the due process (April's bills are over six months old now): the unit is listed, the
  // report tags it and it cannot be listed twice.
  await otherRow.getByRole('button', { name: '书面催缴' }).click();
  await modal(co).getByLabel('送达凭证').fill('EMS 挂号信 1100 0000 0002');
  await modal(co)
    .getByRole('button', { name: button('确定') })
    .click();
  await closes(co);
  await otherRow.getByTestId('written-count').getByText('2 次').waitFor();
  await otherRow.getByRole('button', { name: '列入恶意拖欠名单' }).click();
  await modal(co).getByTestId('defaulter-progress').getByText('2 次').waitFor();
  await modal(co).getByLabel('理由').fill('长期拒缴，经两次书面催缴仍未缴纳');
  await modal(co).getByRole('button', { name: '列入恶意拖欠名单' }).click();
  await closes(co);
  await otherRow.getByTestId('listed-tag').getByText('已列入名单').waitFor();
  assert.ok(await otherRow.getByRole('button', { name: '列入恶意拖欠名单' }).isDisabled(), 'listed once');
  await shot(co, 'arrears-listed');

  // 恶意拖欠名单: the entry; taken off with a reason (required), it stays on record, greyed, and the tag goes.
  await co.getByTestId('defaulters-open').click();
  const list = co.getByTestId('defaulters-table');
  const entry = list.getByRole('row', { name: new RegExp(`${other.label}.*长期拒缴.*在名单中`) });
  await entry.getByRole('button', { name: '移出名单' }).click();
  await modal(co).getByRole('button', { name: '移出名单' }).click();
  await modal(co).getByText('必填').waitFor();
  await modal(co).getByLabel('移出理由').fill('业主已签订还款协议');
  await modal(co).getByRole('button', { name: '移出名单' }).click();
  await closes(co);
  await list
    .getByRole('row', { name: new RegExp(`${other.label}.*长期拒缴.*已移出.*移出理由：业主已签订还款协议`) })
    .waitFor();
  assert.equal(await list.getByRole('button', { name: '移出名单' }).count(), 0);
  await shot(co, 'defaulters');
  await co.locator('.ant-drawer .ant-drawer-close').click();
  await list.waitFor({ state: 'hidden' });
  await otherRow.getByTestId('listed-tag').waitFor({ state: 'detached' });
  assert.ok(await otherRow.getByRole('button', { name: '列入恶意拖欠名单' }).isEnabled(), 'listable again');
  await co.getByRole('button', { name: '发送催缴通知' }).click();
  await modal(co).getByLabel('欠费满（个月）').fill('6');
  await modal(co)
    .getByRole('button', { name: button('确定') })
    .click();
  await closes(co);
  await co.getByText(/已向 [1-9]\d* 户业主发送催缴通知/).waitFor();

  // The contract's late-fee clause: 违约金 appears, counted to the end of October, and is shown, not billed.
  await co.getByTestId('arrears-settings').click();
  const settings = co.getByTestId('arrears-settings-form');
  await settings.getByRole('switch').click();
  await settings.getByLabel('合同条款').fill('《物业服务合同》第十二条：业主逾期交纳物业费的，按日万分之三支付违约金');
  await settings.getByText('每日万分之').waitFor();
  await shot(co, 'arrears-settings');
  await modal(co)
    .getByRole('button', { name: button('确定') })
    .click();
  await closes(co);
  await co.getByText('催缴与违约金设置已保存').waitFor();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const until = [today, `${AS_OF}-31`].sort()[0];
  const expected = lateFee(other.totalFen, PERIOD, until, 3, 15);
  assert.ok(expected > 0);
  const late = co.getByTestId('late-fee');
  await late.getByText('第十二条', { exact: false }).waitFor();
  await late.getByText('未计入账单', { exact: false }).waitFor();
  await otherRow.getByTestId('unit-late-fee').getByText(formatFen(expected)).waitFor();
  await shot(co, 'arrears-late-fee');
});
