import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';

/**
 * 报事报修 round the closed loop in the browser: a resident reports, the company accepts and dispatches, its staff
 * start and resolve, the resident confirms and rates.
 * Run: npx vite build && node --import tsx --test e2e/workorders.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const SHOTS = path.resolve(import.meta.dirname, '../.tmp');

/** A valid 2×2 red PNG, built here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signs in as staff, opens 工单 and the ticket's drawer. */
async function openInQueue(username: string, number: string) {
  const { page, context } = await h.newPage();
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByRole('menuitem', { name: '工单' }).click();
  await page.waitForURL(/\/workorders$/);
  await page.getByTestId('ticket-table').getByText(number).click();
  const drawer = page.getByTestId('ticket-drawer');
  await drawer.getByText(number).waitFor();
  return { page, context, drawer };
}

test('a repair goes round the loop: report, accept, dispatch, start, resolve, confirm, rate', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anju-')), 'light.png');
  fs.writeFileSync(photo, tinyPng());

  // The resident reports a broken stairwell light with a photo.
  const resident = await h.newPage({ mobile: true });
  const rp = resident.page;
  await phoneLogin(rp, resident.context);
  await rp.getByTestId('h5-tabbar').getByText('报事报修').click();
  await rp.locator('header').getByText('报事报修').waitFor();
  await rp.getByText('所在楼栋').click();
  await rp.getByLabel('具体位置').fill('3 楼楼梯口');
  await rp.getByLabel('问题类型').click();
  for (const level of ['楼栋', '楼道', '楼道照明'])
    await rp
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: new RegExp(`^${level}$`) })
      .click();
  await rp.getByLabel('问题描述').fill('3 楼楼道灯不亮，晚上看不见台阶');
  await rp.locator('input[type=file]').setInputFiles(photo);
  await rp.locator('.ant-upload-list-item-done').waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'workorders-h5-report.png'), fullPage: true });
  await rp.getByRole('button', { name: /^提\s*交$/ }).click();
  await rp.waitForURL(/\/h5\/tickets\/[0-9a-f-]+$/);
  const ticketUrl = rp.url();
  await rp.getByTestId('ticket-state').getByText('待受理').waitFor();
  const number = ((await rp.locator('.ant-descriptions-item-content').first().textContent()) ?? '').trim();
  assert.match(number, /\S+/);

  await rp.getByTestId('h5-tabbar').getByText('我的报事').click();
  const mine = rp.getByTestId('my-ticket').filter({ hasText: '3 楼楼道灯不亮' });
  await mine.getByText('待受理').waitFor();
  await mine.getByText(/当前责任方/).waitFor();

  // The company admin accepts and dispatches to the staff member.
  const admin = await openInQueue('company.admin', number);
  await admin.drawer.getByRole('button', { name: /^受\s*理$/ }).click();
  await admin.drawer.getByTestId('ticket-state').getByText('已受理').waitFor();
  await admin.drawer.getByRole('button', { name: /^派\s*单$/ }).click();
  const modal = admin.page.locator('.ant-modal-container');
  await modal.locator('.ant-select').click();
  await admin.page.locator('.ant-select-item-option').filter({ hasText: '客服' }).first().click();
  await modal.getByRole('button', { name: /^派\s*单$/ }).click();
  await admin.drawer.getByTestId('ticket-state').getByText('已派单').waitFor();
  await admin.page.keyboard.press('Escape');
  await admin.page.locator('.ant-drawer-section').waitFor({ state: 'hidden' });
  await admin.page.getByTestId('ticket-table').getByText('已派单').first().waitFor();
  await admin.page.screenshot({ path: path.join(SHOTS, 'workorders-queue.png') });
  await admin.context.close();

  // The staff member starts and resolves it with a note.
  const staff = await openInQueue('company.staff', number);
  await staff.drawer.getByRole('button', { name: /^开始处理$/ }).click();
  await staff.drawer.getByTestId('ticket-state').getByText('处理中').waitFor();
  await staff.drawer.getByRole('button', { name: /^办\s*结$/ }).click();
  const resolve = staff.page.locator('.ant-modal-container');
  await resolve.getByLabel('说明').fill('已更换 LED 灯泡');
  await resolve.getByRole('button', { name: /^办\s*结$/ }).click();
  await staff.drawer.getByTestId('ticket-state').getByText('已办结待确认').waitFor();
  await staff.context.close();

  // The resident confirms and rates it 满意.
  await rp.goto(ticketUrl);
  await rp.getByRole('button', { name: '确认已解决' }).click();
  const rating = rp.getByTestId('feedback-form');
  await rating.getByText('满意', { exact: true }).click();
  await rating.getByRole('button', { name: '提交评价' }).click();
  await rp.getByTestId('ticket-state').getByText('已关闭').waitFor();
  const timeline = rp.getByTestId('ticket-timeline');
  for (const step of ['受理', '派单', '开始处理', '办结', '确认已解决', '评价'])
    await timeline.getByText(step, { exact: true }).first().waitFor();
  await timeline.getByText('已更换 LED 灯泡').waitFor();
  await rp.getByText('满意', { exact: true }).first().waitFor();
  await rp.locator('.ant-image img').first().waitFor();
  await rp.screenshot({ path: path.join(SHOTS, 'workorders-h5-detail.png'), fullPage: true });
  await resident.context.close();
});

test('the city regulator edits a problem’s SLA and reads the handling metrics', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'city.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByRole('menuitem', { name: '分类与责任' }).click();
  const table = page.getByTestId('category-table');
  await table.getByText('楼栋', { exact: true }).waitFor();
  await table.locator('tr', { hasText: /^楼栋/ }).locator('.ant-table-row-expand-icon').first().click();
  await table.locator('tr', { hasText: /^楼道/ }).locator('.ant-table-row-expand-icon').first().click();
  await table
    .locator('tr', { hasText: '楼道照明' })
    .getByRole('button', { name: /^编\s*辑$/ })
    .click();
  const modal = page.locator('.ant-modal-container');
  await modal.locator('.ant-input-number-input').last().fill('3');
  await modal.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('已保存').waitFor();
  await table.locator('tr', { hasText: '楼道照明' }).getByText('3 工作日').waitFor();

  await page.getByRole('menuitem', { name: '办理指标' }).click();
  await page.getByTestId('metric-table').locator('.ant-table-row').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'workorders-metrics.png') });
  await context.close();
});

/** Fills and sends 登记工单 for a caller about the stairwell light in a common area; answers the new number. */
async function registerForCaller(page: Page, description: string, shot?: string) {
  await page.getByRole('button', { name: '登记工单' }).click();
  const form = page.getByTestId('new-ticket-form');
  // company.staff looks after one estate: it is picked already.
  await form.getByTestId('estate-select').locator('.ant-select-content-has-value').waitFor();
  await form.getByText('小区公共区域').click();
  await form.getByLabel('具体位置').fill('1 号楼 1 单元楼道');
  await form.getByLabel('问题类型').click();
  for (const level of ['楼栋', '楼道', '楼道照明'])
    await page
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: new RegExp(`^${level}$`) })
      .click();
  await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
  await form.getByLabel('问题描述').fill(description);
  await form.getByLabel('来电人').fill('王先生');
  await form.getByLabel('联系电话').fill('13912345678');
  if (shot) await page.screenshot({ path: path.join(SHOTS, shot) });
  await page
    .locator('.ant-modal-container')
    .getByRole('button', { name: /^提\s*交$/ })
    .click();
  // The new ticket opens in the drawer.
  const title = page.locator('.ant-drawer-title');
  await title.getByText(/^WO\d{8}-/).waitFor();
  const number = ((await title.textContent()) ?? '').split('·')[0].trim();
  await page.getByTestId('ticket-drawer').getByTestId('ticket-state').getByText('待受理').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-section').waitFor({ state: 'hidden' });
  return number;
}

test('staff register tickets for a caller (代客报事), the admin merges a repeat by number; the city edits settings', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const staff = await h.newPage();
  await passwordLogin(staff.page, 'company.staff');
  await staff.page.waitForURL(`${h.baseUrl}/`);
  await staff.page.getByRole('menuitem', { name: '工单' }).click();
  await staff.page.waitForURL(/\/workorders$/);

  // A caller needs at least a name or a phone.
  await staff.page.getByRole('button', { name: '登记工单' }).click();
  await staff.page
    .locator('.ant-modal-container')
    .getByRole('button', { name: /^提\s*交$/ })
    .click();
  await staff.page.getByText('来电人与联系电话至少填一项').waitFor();
  // The unit picker searches the estate's units by number.
  const unitSelect = staff.page.getByTestId('new-ticket-form').getByTestId('unit-select');
  await unitSelect.click();
  await unitSelect.locator('input').fill('1');
  await staff.page.locator('.ant-select-item-option').first().waitFor();
  await staff.page
    .locator('.ant-modal-container')
    .getByRole('button', { name: /^取\s*消$/ })
    .click();
  await staff.page.locator('.ant-modal-container').waitFor({ state: 'hidden' });

  const first = await registerForCaller(staff.page, '王先生来电：1 号楼楼道灯不亮', 'workorders-register.png');
  await staff.page.getByTestId('ticket-table').getByText(first).waitFor();
  const second = await registerForCaller(staff.page, '王先生再次来电：楼道灯还是不亮');
  assert.notEqual(first, second);
  await staff.page.getByTestId('ticket-table').getByText(second).waitFor();
  await staff.context.close();

  // The company admin merges the repeat into the first, by its number.
  const admin = await openInQueue('company.admin', second);
  await admin.drawer.getByRole('button', { name: '合并重复' }).click();
  const modal = admin.page.locator('.ant-modal-container');
  await modal.getByLabel('原工单号').fill(first.toLowerCase());
  await modal.getByRole('button', { name: '合并重复' }).click();
  await admin.drawer.getByTestId('ticket-state').getByText('已合并').waitFor();
  await admin.drawer.getByText('已终止').waitFor();
  await admin.context.close();

  // The city regulator sets the reopen window and a day of the working calendar.
  const city = await h.newPage();
  await passwordLogin(city.page, 'city.admin');
  await city.page.waitForURL(`${h.baseUrl}/`);
  await city.page.getByRole('menuitem', { name: '工单设置' }).click();
  await city.page.waitForURL(/\/workorders\/settings$/);
  const settings = city.page.getByTestId('wo-settings');
  await settings.getByText('部门报到时限').waitFor();
  await settings.getByLabel('可重新打开期限').fill('10');
  // Urgent's own resolution deadline goes down to 4 小时 (a raised priority only ever shortens).
  await settings.getByText(/提高优先级只会缩短时限/).waitFor();
  await settings.getByTestId('sla-urgent-resolution').locator('input').first().fill('4');
  await settings.getByRole('button', { name: /^保\s*存$/ }).click();
  await city.page.getByText('已保存').first().waitFor();
  await city.page.reload();
  const urgent = settings.getByTestId('sla-urgent-resolution');
  await urgent.waitFor();
  assert.equal(await urgent.locator('input').first().inputValue(), '4');
  await urgent.getByText('小时').waitFor();
  assert.equal(await settings.getByLabel('可重新打开期限').inputValue(), '10');
  await city.page.screenshot({ path: path.join(SHOTS, 'workorders-settings-edit.png'), fullPage: true });

  // A weekday of the month shown: it cannot be a 调休 workday, but it can be a holiday.
  const today = new Date(Date.now() + 8 * 3600_000);
  const day = [10, 11, 12, 13, 14, 15, 16]
    .map((d) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), d)))
    .find((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5) as Date;
  const iso = day.toISOString().slice(0, 10);
  const cell = city.page.locator(`td.ant-picker-cell[title="${iso}"]`);
  await cell.click();
  const editor = city.page.locator('.ant-modal-container');
  // A click during the modal's opening animation can miss: choose, then see it chosen.
  const choose = async (label: string) => {
    await editor.getByText(iso).waitFor();
    const chosen = editor.locator('.ant-radio-button-wrapper-checked', { hasText: label });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await editor.locator('.ant-radio-button-wrapper', { hasText: label }).click();
      const ok = await chosen.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      );
      if (ok) break;
    }
    await chosen.waitFor();
  };
  await choose('调休上班');
  await editor.locator('.ant-btn-primary').click();
  await editor.getByTestId('day-error').waitFor();
  await choose('节假日');
  await editor.getByPlaceholder(/春节/).fill('测试假日');
  await editor.locator('.ant-btn-primary').click();
  await editor.waitFor({ state: 'hidden' });
  await cell.getByTestId('cal-holiday').waitFor();
  await city.page.screenshot({ path: path.join(SHOTS, 'workorders-settings.png'), fullPage: true });
  // And back to an ordinary working day.
  await cell.click();
  await choose('恢复默认');
  await editor.locator('.ant-btn-primary').click();
  await editor.waitFor({ state: 'hidden' });
  await cell.getByTestId('cal-holiday').waitFor({ state: 'detached' });

  // A new problem under 公共区域 › 绿化, handled by the company.
  await city.page.getByRole('menuitem', { name: '分类与责任' }).click();
  const table = city.page.getByTestId('category-table');
  await table.getByText('公共区域', { exact: true }).waitFor();
  await table
    .locator('tr', { hasText: /^公共区域/ })
    .locator('.ant-table-row-expand-icon')
    .first()
    .click();
  const green = table.locator('tr', { hasText: /^绿化COMMON\.GREEN(?!\.)/ });
  await green.locator('.ant-table-row-expand-icon').first().click();
  const addLeaf = async () => {
    await green.getByRole('button', { name: '新增下级' }).click();
    const form = city.page.getByTestId('new-category');
    assert.equal(await form.getByLabel('编码').inputValue(), 'COMMON.GREEN.');
    await form.getByLabel('编码').fill('COMMON.GREEN.TREE');
    await form.getByLabel('名称', { exact: true }).fill('树木倒伏');
    return form;
  };
  const pick = async (item: Locator, option: string) => {
    await item.locator('.ant-select').click();
    await city.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${option}$`) })
      .click();
    await city.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  };
  let form = await addLeaf();
  await pick(form.locator('.ant-form-item', { hasText: '优先级' }), '高');
  const response = form.locator('.ant-form-item', { hasText: '响应时限' });
  await response.locator('input').first().fill('2');
  await pick(response, '小时');
  await form.locator('.ant-form-item', { hasText: '办结时限' }).locator('input').first().fill('1');
  await form.getByRole('button', { name: /^保\s*存$/ }).click();
  await form.waitFor({ state: 'hidden' });
  const tree = table.locator('tr', { hasText: '树木倒伏' });
  await tree.getByText('COMMON.GREEN.TREE').waitFor();
  await tree.getByText('2 小时').waitFor();
  await tree.getByText('1 工作日').waitFor();
  await tree.getByText('高', { exact: true }).waitFor();
  // The same code again is refused, and the form says why.
  form = await addLeaf();
  await form.getByRole('button', { name: /^保\s*存$/ }).click();
  await form
    .getByTestId('category-error')
    .getByText(/COMMON\.GREEN\.TREE/)
    .waitFor();
  await form.getByRole('button', { name: /^取\s*消$/ }).click();
  await city.context.close();
});
