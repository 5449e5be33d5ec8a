import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Harness, passwordLogin, startHarness } from './harness.ts';
import { button, buttonEnding, choose, dropdownsClosed, SHOTS } from './voting-helpers.ts';

/**
 * 检查 → 整改 → 复查 in the browser: the district adds a checklist, edits it (a new version), and plans an inspection
 * of the demo estate by the street office, which the plans list shows; the inspector fills it in on a phone (a failed
 * item with a photo, the location from the phone); the failure becomes a 整改通知书; the company answers it with an
 * evidence photo (a second one, picked by mistake, taken back), which the district sees; the district sends it back
 * with a new deadline, the company answers again, the district passes it; the figures show it rectified on time; a
 * joint action is recorded.
 * Run: npm test e2e/inspections.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const PHOTO = path.resolve(import.meta.dirname, '../test/fixtures/site-photo.png');
const SPOT = { latitude: 32.031, longitude: 120.902 };
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `inspections-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal-container');
const ok = (page: Page) => modal(page).getByRole('button', { name: buttonEnding('确定') });
const noticeRow = (page: Page, no: string) => page.getByTestId('notices').getByRole('row', { name: new RegExp(no) });
/** A date n days from today in Asia/Shanghai, as the DatePicker takes it. */
const inDays = (n: number) =>
  new Date(Date.now() + n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

async function signIn(username: string, mobile = false) {
  const { page, context } = await h.newPage({ mobile });
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  return { page, context };
}
async function pickDay(page: Page, testId: string, day: string) {
  const input = page.locator(`[data-testid=${testId}] input, input[data-testid=${testId}]`);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}
async function openTab(page: Page, tab: string) {
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForURL(/\/supervision\/inspections\?tab=/);
}

test('inspection, rectification notice, answer, reopen, answer, pass, figures', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const estate = await h.handle.db
    .selectFrom('estates')
    .innerJoin('companies', 'companies.id', 'estates.company_id')
    .select(['estates.name', 'companies.name as company'])
    .where('estates.code', '=', 'JC-001')
    .executeTakeFirstOrThrow();

  // The district adds a checklist: one item needs a photo, the other does not.
  const { page: district } = await signIn('jiangnan.admin');
  await district.getByRole('menuitem', { name: '检查整改' }).click();
  await district.waitForURL(/\/supervision\/inspections$/);
  await openTab(district, '检查模板');
  await district.getByText('消防安全检查').waitFor();
  await district.getByRole('button', { name: '新建检查表' }).click();
  const tpl = district.getByTestId('template-form');
  await tpl.getByLabel('检查表名称').fill('楼道消防专项检查');
  const item1 = tpl.getByTestId('template-item-0');
  await item1.getByLabel('检查内容').fill('楼道内无堆放杂物');
  await item1.getByLabel('依据').fill('《消防法》第二十八条');
  await item1.getByLabel('满分').fill('60');
  await item1.getByLabel('整改期限（天）').fill('3');
  await item1.getByLabel('须拍照').check();
  await tpl.getByRole('button', { name: '添加检查项' }).click();
  const item2 = tpl.getByTestId('template-item-1');
  await item2.getByLabel('检查内容').fill('消防安全标识齐全');
  await item2.getByLabel('依据').fill('《消防法》第十六条');
  await item2.getByLabel('满分').fill('40');
  await ok(district).click();
  await district.getByText('检查表已创建').waitFor();
  await district.getByTestId('templates').getByText('楼道消防专项检查').click();
  await district.getByRole('cell', { name: '楼道内无堆放杂物' }).waitFor();

  // Editing it saves a new version: planned inspections would keep the old one.
  await district
    .getByTestId('templates')
    .locator('.ant-collapse-item', { hasText: '楼道消防专项检查' })
    .getByRole('button', { name: button('修改') })
    .click();
  await modal(district).getByText('修改将保存为新版本的检查表').waitFor();
  const edited = modal(district).getByTestId('template-form').getByTestId('template-item-1');
  assert.equal(await edited.getByLabel('检查内容').inputValue(), '消防安全标识齐全');
  await edited.getByLabel('检查内容').fill('消防安全标识齐全有效');
  await ok(district).click();
  await district.getByText('已保存为新版本检查表').waitFor();
  await modal(district).waitFor({ state: 'detached' });
  await district.getByTestId('templates').getByText('楼道消防专项检查').click();
  await district.getByRole('cell', { name: '消防安全标识齐全有效' }).waitFor();
  assert.equal(await district.getByTestId('templates').getByText('楼道消防专项检查').count(), 1, 'the old one retired');

  // …and plans an inspection of the demo estate by the street office.
  await openTab(district, '检查计划');
  const plan = district.getByTestId('plan-form');
  await plan.getByLabel('计划名称').fill('望江街道消防专项检查');
  await choose(district, plan.getByTestId('plan-template'), '楼道消防专项检查');
  await choose(district, plan.getByTestId('plan-estates'), estate.name);
  await district.keyboard.press('Escape');
  // The district itself is chosen by default: swap it for the street office.
  await choose(district, plan.getByTestId('plan-inspectors'), '江南区住建局（本人）');
  await district
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: '望江街道办事处（街道办事处）' })
    .click();
  await district.keyboard.press('Escape');
  await dropdownsClosed(district);
  // Due in two weeks unless changed.
  const due = plan.locator('[data-testid=plan-due] input, input[data-testid=plan-due]');
  assert.equal(await due.inputValue(), inDays(14));
  await plan.getByRole('button', { name: '创建计划' }).click();
  await district.getByText('检查计划已创建，共 1 个小区').waitFor();
  // The plans list shows it, opened on its inspections.
  const plans = district.getByTestId('plans');
  await plans.getByRole('row', { name: /望江街道消防专项检查 楼道消防专项检查 指定小区 .* 0 \/ 1/ }).waitFor();
  const planned = plans.locator('[data-testid^=plan-inspections-]');
  await planned
    .getByRole('row', { name: new RegExp(`${estate.name} ${estate.company} 望江街道办事处 待检查`) })
    .waitFor();
  await shot(district, 'plan');

  // The inspector, on a phone that knows where it is.
  const { page: phone, context } = await signIn('wangjiang.street', true);
  await context.grantPermissions(['geolocation'], { origin: h.baseUrl });
  await context.setGeolocation(SPOT);
  await phone.goto('/supervision/my-inspections');
  const mine = phone.getByTestId('my-inspections');
  await mine.getByText(estate.name).waitFor();
  await mine.getByText('待检查').waitFor();
  await mine.getByRole('button', { name: '开始检查' }).click();
  await phone.waitForURL(/\/supervision\/my-inspections\/[0-9a-f-]{36}$/);
  await phone.getByTestId('inspection-title').getByText(`${estate.name} · 楼道消防专项检查`).waitFor();
  await phone.getByText(`已定位：${SPOT.latitude}, ${SPOT.longitude}`).waitFor();

  // Submitting early says what is missing, item by item.
  await phone.getByTestId('submit-inspection').click();
  await phone.getByText('请选择合格或不合格').first().waitFor();
  const exit = phone.getByTestId('item-item_1');
  await exit.getByText(button('不合格')).click();
  await exit.getByLabel('问题描述').fill('3 栋一楼楼道堆放纸箱杂物');
  await exit.getByText('此项须上传现场照片').waitFor();
  await exit.locator('input[type=file]').setInputFiles(PHOTO);
  await phone.getByText('照片已上传').waitFor();
  await exit.locator('img').waitFor();
  assert.equal(await exit.getByText('此项须上传现场照片').count(), 0);
  await phone.getByTestId('item-item_2').getByText(button('合格')).click();
  await shot(phone, 'phone-form');
  await phone.getByTestId('submit-inspection').click();
  await phone.getByText('检查结果已提交').waitFor();
  const result = phone.getByTestId('inspection-result');
  await result.getByText('总分 40 / 100').waitFor();
  await result.getByText('已生成 1 份整改通知书').waitFor();
  const raised = phone.getByTestId('raised-notices');
  const noticeNo = ((await raised.getByText(/^整改〔\d{4}〕\d{5}号$/).textContent()) ?? '').trim();
  assert.match(noticeNo, /^整改〔\d{4}〕\d{5}号$/);
  await raised.getByText(`整改期限 ${inDays(3)}`).waitFor();
  await shot(phone, 'phone-result');

  // The company sees the notice with the inspector's photo, and answers.
  const { page: company } = await signIn('company.admin');
  const answer = async (text: string, photo?: string) => {
    await company.getByRole('menuitem', { name: '整改任务' }).click();
    await company.waitForURL(/\/supervision\/rectifications$/);
    await noticeRow(company, noticeNo).getByRole('button', { name: '整改回复' }).click();
    await modal(company)
      .getByTestId('notice-details')
      .getByText('楼道内无堆放杂物：3 栋一楼楼道堆放纸箱杂物')
      .waitFor();
    await modal(company).getByTestId('photos').locator('img').waitFor();
    await modal(company).getByTestId('answer-form').getByLabel('整改情况及佐证说明').fill(text);
    if (photo) {
      const thumbs = modal(company).getByTestId('evidence-upload').locator('img');
      await modal(company).getByTestId('evidence-file').setInputFiles(photo);
      await company.getByText('佐证照片已上传').first().waitFor();
      await thumbs.first().waitFor();
      // A second photo by mistake, taken back before answering.
      await modal(company).getByTestId('evidence-file').setInputFiles(photo);
      await thumbs.nth(1).waitFor();
      await modal(company).getByRole('button', { name: '撤回这张照片' }).nth(1).click();
      await company.getByText('照片已撤回').waitFor();
      await thumbs.nth(1).waitFor({ state: 'detached' });
      await thumbs.first().waitFor();
    }
    await modal(company)
      .getByRole('button', { name: buttonEnding('整改回复') })
      .click();
    await company.getByText('整改回复已提交，等待复查').waitFor();
    await noticeRow(company, noticeNo).getByText('已回复待复查').waitFor();
  };
  await company.getByRole('menuitem', { name: '整改任务' }).click();
  await noticeRow(company, noticeNo).getByText('待整改').waitFor();
  await answer('已清理 3 栋一楼楼道杂物，张贴禁止堆放告示；清理前后照片已存档。', PHOTO);
  await shot(company, 'answered');

  // The district re-inspects: not yet, with a new deadline.
  const reinspect = async (pass: boolean, note: string, day?: string) => {
    await district.goto('/supervision/inspections?tab=notices');
    await noticeRow(district, noticeNo).getByText('已回复待复查').waitFor();
    await noticeRow(district, noticeNo)
      .getByRole('button', { name: button('查看') })
      .click();
    await district
      .getByTestId('notice-drawer')
      .getByText(pass ? '已全部清理' : '已清理 3 栋一楼楼道杂物', { exact: false })
      .waitFor();
    await district.getByRole('button', { name: pass ? '复查通过' : '复查不通过' }).click();
    await modal(district).getByTestId('reinspect-form').getByLabel('复查意见').fill(note);
    // The company's evidence photo is there to see, loaded.
    const evidence = district.getByTestId('notice-drawer').getByTestId('evidence').locator('img');
    await evidence.waitFor();
    await evidence.evaluate((img: HTMLImageElement) => img.decode());
    if (day) await pickDay(district, 'new-deadline', day);
    await ok(district).click();
  };
  const newDeadline = inDays(10);
  await reinspect(false, '楼道仍有部分杂物未清理', newDeadline);
  await district.getByText(`已退回整改，新期限 ${newDeadline}`).waitFor();
  await noticeRow(district, noticeNo).getByText('复查未通过').waitFor();
  await noticeRow(district, noticeNo).getByText('第 2 轮').waitFor();
  await noticeRow(district, noticeNo).getByText(newDeadline).waitFor();
  await shot(district, 'reopened');

  // The company answers again, seeing why it was sent back.
  await company.reload();
  await noticeRow(company, noticeNo).getByText('复查未通过').waitFor();
  await noticeRow(company, noticeNo).getByRole('button', { name: '整改回复' }).click();
  await modal(company).getByText('上次复查意见：楼道仍有部分杂物未清理').waitFor();
  await modal(company)
    .getByRole('button', { name: button('取消') })
    .click();
  await modal(company).waitFor({ state: 'detached' });
  await answer('已全部清理，并安排保洁每日巡查楼道。');

  // The district passes it.
  await reinspect(true, '复查合格');
  await district.getByText('复查通过，整改通知书已办结').waitFor();
  await noticeRow(district, noticeNo).getByText('复查通过').waitFor();
  await district.getByTestId('notice-drawer').getByText('复查合格').waitFor();
  await district.keyboard.press('Escape');
  await district.locator('.ant-drawer-mask').waitFor({ state: 'detached' });
  // The notices export as listed.
  const download = district.waitForEvent('download');
  await district.getByTestId('notices-xlsx').click();
  assert.match((await download).suggestedFilename(), /^整改通知书.*\.xlsx$/);

  // The figures: one found, one rectified, on time.
  await openTab(district, '整改统计');
  const figures = district.getByTestId('figures');
  await figures.getByRole('row', { name: `${estate.name} 1 1 100.00% 1 100.00%` }).waitFor();
  await district.getByTestId('figures-by').getByText('按企业').click();
  await figures.getByRole('row', { name: `${estate.company} 1 1 100.00% 1 100.00%` }).waitFor();
  await district.getByTestId('figures-by').getByText('按街道').click();
  await figures.getByRole('row', { name: '望江街道 1 1 100.00% 1 100.00%' }).waitFor();
  await shot(district, 'figures');

  // 联合执法 with the fire brigade and the city management.
  await openTab(district, '联合执法');
  await district.getByText('暂无联合执法记录').waitFor();
  await district.getByRole('button', { name: '登记联合执法' }).click();
  const joint = modal(district).getByTestId('joint-form');
  const departments = joint.getByTestId('joint-departments');
  await departments.click();
  await district.keyboard.type('消防救援大队');
  await district.keyboard.press('Enter');
  await district.keyboard.type('城管执法中队');
  await district.keyboard.press('Enter');
  await district.keyboard.press('Escape');
  await joint.getByLabel('执法内容').fill('清理消防车通道违停车辆，约谈物业项目负责人');
  await joint.getByLabel('下发通知书').fill('1');
  await joint.getByLabel('约谈').fill('1');
  await ok(district).click();
  await district.getByText('联合执法已登记').waitFor();
  await district
    .getByTestId('joint-actions')
    .getByRole('row', { name: /消防救援大队 城管执法中队 清理消防车通道违停车辆.* 1 1$/ })
    .waitFor();
});
