import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { previousQuarter, quarterOf } from '../src/web/credit/types.ts';
import { type Harness, passwordLogin, startHarness } from './harness.ts';
import { button, buttonEnding, choose, dropdownsClosed, SHOTS, sleep } from './voting-helpers.ts';

/**
 * The rest of 信用评价 in the browser: the city draws records from the last quarter's work-order figures; a record
 * names the company's project manager and the district approves it from the work list across companies; the city
 * sets a base score (and sees it saved) and publishes; the managers' results for the city and for the company; the
 * public ranking within a district; star ratings refused while the city does not use them, switched on in the
 * settings, an estate awarded four stars by the district and found with them on the public portal without signing
 * in, then revoked. Run: npm test e2e/credit-more.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `credit-more-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal-container');
const ok = (page: Page) => modal(page).getByRole('button', { name: buttonEnding('确定') });
const rows = (page: Page, testId: string, text: RegExp) => page.getByTestId(testId).getByRole('row', { name: text });

async function signIn(username: string) {
  const { page } = await h.newPage();
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  return page;
}
async function openTab(page: Page, tab: string) {
  if (!/\/supervision\/credit$/.test(page.url())) {
    await page.getByRole('menuitem', { name: '信用评价' }).click();
    await page.waitForURL(/\/supervision\/credit$/);
  }
  await page.getByRole('tab', { name: tab }).click();
}

test('work-order records, a project manager’s record and results, district ranking, star ratings', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The last quarter to have ended: records are drawn and a quarter published only once it is over.
  const period = previousQuarter(quarterOf());
  const inPeriod = `${period.slice(0, 4)}-${String(Number(period.slice(5)) * 3 - 1).padStart(2, '0')}-15`;
  const co = await signIn('company.admin');
  const me = await (await co.request.get('/api/v1/auth/me')).json();
  const company = me.bindings.find((b: { role: string }) => b.role === 'company_admin').scopeName as string;
  const staff = await (await co.request.get('/api/v1/staff?position=project_manager&limit=200')).json();
  const pm = staff.items[0].name as string;
  assert.ok(company && pm);

  // The city draws the quarter's work-order records; the page says what the server made (once per quarter).
  const city = await signIn('city.admin');
  await openTab(city, '季度发布');
  await city.getByTestId('credit-period').getByText(period).waitFor();
  const drawing = city.waitForResponse((r) => r.url().endsWith(`/periods/${period}/workorder-records`));
  await city.getByRole('button', { name: '从工单指标生成记录' }).click();
  const drawn = await (await drawing).json();
  await city
    .getByTestId('credit-drawn')
    .getByText(`已读取 ${drawn.companies} 家企业的工单指标，生成 ${drawn.recorded} 条待审核记录`)
    .waitFor();
  await shot(city, 'drawn');

  // A record about the company's project manager.
  await openTab(city, '信用记录');
  await choose(city, city.getByTestId('credit-company'), company);
  await city.getByRole('button', { name: '新增记录' }).click();
  const form = city.getByTestId('record-form');
  await choose(city, form.getByTestId('credit-item'), '擅自收费或超标准收费');
  await choose(city, form.getByTestId('credit-staff'), pm);
  await form.getByLabel('发生日期').fill(inPeriod);
  await form.getByLabel('依据').fill('擅自收取装修押金，责令退还');
  await ok(city).click();
  await city.getByText('信用记录已录入，待他人审核').waitFor();
  await rows(city, 'credit-records', new RegExp(`擅自收费或超标准收费 ${pm} -5 .*人工录入 待审核`)).waitFor();

  // The district approves it from the work list across companies.
  const district = await signIn('jiangnan.admin');
  await openTab(district, '待审核');
  const waiting = rows(district, 'credit-records', new RegExp(`^${company} 擅自收费或超标准收费 -5 .*人工录入 待审核`));
  await waiting.waitFor();
  await shot(district, 'awaiting');
  await waiting.getByRole('button', { name: '审核通过' }).click();
  await district.getByText('已审核通过').waitFor();
  await waiting.waitFor({ state: 'detached' });

  // Star ratings: refused while the city does not use them, with the reason.
  await openTab(district, '星级评定');
  await district.getByText('本市尚未启用物业服务星级评定').waitFor();
  await district.getByTestId('stars-estate').click();
  const option = district.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  const label = (await option.first().textContent()) ?? '';
  const estate = label.replace(/（.*）$/, '');
  await option.first().click();
  await dropdownsClosed(district);
  await district.getByTestId('stars-history').getByText('该小区暂无星级评定').waitFor();
  const award = async () => {
    await district.getByRole('button', { name: '评定星级' }).click();
    const f = district.getByTestId('award-form');
    await f.getByRole('radio').nth(3).click();
    await f.getByLabel('评定依据').fill('2026 年度物业服务星级评定，考评得分 86 分');
    await ok(district).click();
  };
  await award();
  await modal(district)
    .getByTestId('award-error')
    .getByText(/本市未启用物业服务星级评定/)
    .waitFor();
  await modal(district)
    .getByRole('button', { name: button('取消') })
    .click();
  await modal(district).waitFor({ state: 'detached' });

  // The city switches them on, and tightens the on-time rate; percentages come back with two decimals.
  await openTab(city, '评价设置');
  const settings = city.getByTestId('credit-settings');
  const onTime = settings.getByLabel('按时办结率低于（%）扣分');
  assert.equal(await onTime.inputValue(), '90.00');
  await onTime.fill('92.5');
  await settings.getByRole('switch', { name: '启用物业服务星级评定' }).click();
  await settings.getByRole('button', { name: '保存评价设置' }).click();
  await city.getByText('评价设置已保存').waitFor();
  // The form comes back from the server's answer.
  for (let i = 0; i < 50 && (await onTime.inputValue()) !== '92.50'; i++) await sleep(200);
  assert.equal(await onTime.inputValue(), '92.50');
  assert.equal(
    await settings.getByRole('switch', { name: '启用物业服务星级评定' }).getAttribute('aria-checked'),
    'true',
  );
  await shot(city, 'settings');

  // Now the district awards four stars.
  await district.reload();
  await openTab(district, '星级评定');
  await district.getByTestId('stars-in-force').getByText('本辖区暂无有效的星级评定').waitFor();
  await choose(district, district.getByTestId('stars-estate'), label);
  await district.getByTestId('stars-history').getByText('该小区暂无星级评定').waitFor();
  await award();
  await district.getByText('星级评定已保存').waitFor();
  const rating = rows(district, 'stars-history', /4 星 .* 有效/);
  await rating.waitFor();
  const until = (await rating.locator('td').nth(2).textContent()) as string;
  assert.match(until, /^\d{4}-\d{2}-\d{2}$/);
  await shot(district, 'stars');
  // Cleared, the tab shows the region's ratings in force, and opens the estate's history again from there.
  await district.getByTestId('stars-estate').hover();
  await district.getByTestId('stars-estate').locator('.ant-select-clear').click();
  await rows(district, 'stars-in-force', new RegExp(`^${estate} .*${until}`)).waitFor();
  await rows(district, 'stars-in-force', new RegExp(`^${estate}`))
    .getByRole('button', { name: '评定记录' })
    .click();
  await rating.waitFor();

  // The city sets the base score, sees it saved, and publishes.
  await openTab(city, '季度发布');
  await city.getByLabel(`${company} 基础信息分`).fill('78.5');
  await city.getByRole('button', { name: '保存基础信息分' }).click();
  await city.getByText('已保存 1 家企业的基础信息分').waitFor();
  await rows(city, 'credit-bases', new RegExp(`^${company} 78.5 分`)).waitFor();
  await city.getByRole('button', { name: '发布评价结果' }).click();
  await ok(city).click();
  await city.getByText(`${period} 评价结果已发布`).waitFor();
  const ranked = new RegExp(`^1 ${company} 73.5 分 A$`);
  await rows(city, 'credit-ranking', ranked).waitFor();

  // The project manager's result: 100 points less 5; for the city and for the company.
  const manager = new RegExp(`^${pm} ${company} 0 -5 95 分 AAA$`);
  await openTab(city, '项目负责人评价');
  await city.getByTestId('manager-period').getByText(period).waitFor();
  await rows(city, 'credit-managers', manager).waitFor();
  await shot(city, 'managers');
  await co.getByRole('menuitem', { name: '信用记录' }).click();
  await co.waitForURL(/\/supervision\/credit\/mine$/);
  await rows(co, 'credit-records', new RegExp(`擅自收费或超标准收费 ${pm} -5 .*已生效`)).waitFor();
  await rows(co, 'credit-managers', manager).waitFor();

  // Anyone, without signing in: the ranking among the companies serving 江南区, with their city rank.
  const { page: pub } = await h.newPage();
  await pub.goto('/public/credit');
  await pub.getByTestId('credit-period').getByText(period).waitFor();
  await rows(pub, 'credit-ranking', ranked).waitFor();
  await choose(pub, pub.getByTestId('credit-district'), '江南区');
  await pub.getByTestId('ranking-title').getByText(`${period} 江南区信用排名`).waitFor();
  await rows(pub, 'credit-ranking', new RegExp(`^1 ${company} 1 73.5 分 A$`)).waitFor();
  await pub.getByRole('columnheader', { name: '全市排名' }).waitFor();
  await dropdownsClosed(pub);
  await shot(pub, 'district');

  // The estate and its stars on the portal's estate search, and on its own page.
  await pub.getByTestId('public-nav').getByRole('link', { name: '企业查询' }).click();
  await pub.getByTestId('portal-mode').getByText('查小区').click();
  await pub.getByPlaceholder('输入小区名称或地址').fill(estate);
  await pub.getByRole('button', { name: button('查询') }).click();
  const hit = pub.getByTestId('estate-hit').filter({ hasText: estate }).first();
  await hit.getByTestId('stars').getByText(`4 星级 · 有效期至 ${until}`).waitFor();
  assert.equal(await hit.locator('.ant-rate-star-full').count(), 4);
  await shot(pub, 'estate-search');
  await hit.getByRole('link', { name: estate }).click();
  await pub.waitForURL(/\/public\/estates\/[0-9a-f-]+$/);
  await pub.getByTestId('rectification').getByText(`4 星级 · 有效期至 ${until}`).waitFor();

  // Revoked with a reason: gone from the public page.
  await rating.getByRole('button', { name: button('撤销') }).click();
  await district.getByTestId('revoke-form').getByLabel('撤销理由').fill('发生较大安全责任事故');
  await ok(district).click();
  await district.getByText('星级评定已撤销').waitFor();
  await rows(district, 'stars-history', /4 星 .*已于 .* 撤销 发生较大安全责任事故/).waitFor();
  await pub.reload();
  await pub.getByTestId('rectification').getByText('暂无星级评定').waitFor();
});
