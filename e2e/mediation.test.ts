import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { APIResponse, Page } from 'playwright-core';
import { type Harness, passwordLogin, startHarness } from './harness.ts';
import { apiOf, button, buttonEnding, choose, dropdownsClosed, SHOTS } from './voting-helpers.ts';

/**
 * 矛盾纠纷调解 in the browser: the community brings a fees dispute and records a session, then escalates it to the
 * street office, which mediates and escalates it to the district; the district records that mediation failed and
 * refers it to the court in a batch (诉调对接), records the court's case number and its judgment; the figures and
 * the ledger follow. Then the public portal without signing in: a company found by name, its profile (unrated,
 * honestly), and an estate's rectification progress after an inspection found two problems there.
 * Run: npm test e2e/mediation.test.ts
 */
let h: Harness;
let estate: { id: string; name: string; company: string };
before(async () => {
  h = await startHarness();
  // The demo's first estate, in 望江社区 (望江街道, 江南区), and the company that serves it.
  const row = await h.handle.db
    .selectFrom('estates')
    .innerJoin('companies', 'companies.id', 'estates.company_id')
    .select(['estates.id', 'estates.name', 'companies.name as company'])
    .where('estates.code', '=', 'JC-001')
    .executeTakeFirstOrThrow();
  estate = row;
});
after(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `mediation-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal-container');
/**
 * OK in the dialog, then wait until it has gone. Under load a click can be lost (the page re-rendering as it lands):
 * with no refusal shown, OK is clicked again, as a person would; a refusal fails the test with the dialog's text.
 */
async function confirm(page: Page) {
  const ok = modal(page).getByRole('button', { name: buttonEnding('确定') });
  for (let attempt = 1; ; attempt++) {
    await ok.click();
    const gone = await modal(page)
      .waitFor({ state: 'detached', timeout: attempt < 3 ? 5_000 : 15_000 })
      .then(
        () => true,
        () => false,
      );
    if (gone) return;
    const refused = await modal(page).locator('.ant-alert-error').count();
    if (refused || attempt === 3) {
      const text = ((await modal(page).textContent()) ?? '').replace(/\s+/g, ' ');
      throw new Error(`the dialog stayed open: ${text}`);
    }
    console.error('[confirm] the dialog is still open; clicking OK again');
  }
}
const drawer = (page: Page) => page.getByTestId('dispute-drawer');
const figure = (page: Page, id: string, value: number) =>
  page.getByTestId(id).locator('.ant-statistic-content-value').getByText(String(value), { exact: true }).waitFor();

async function openDesk(username: string) {
  const { page } = await h.newPage();
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByRole('menuitem', { name: '矛盾纠纷调解' }).click();
  await page.waitForURL(/\/supervision\/mediation$/);
  return page;
}
/** The dispute's row in the ledger, opened in the drawer. */
async function openDispute(page: Page, row: RegExp) {
  await page.getByTestId('med-ledger').getByRole('row', { name: row }).click();
  await drawer(page).getByTestId('dispute-history').waitFor();
}
async function act(page: Page, action: string, fill: Record<string, string>) {
  await drawer(page).getByRole('button', { name: action }).click();
  const form = modal(page).getByTestId('med-action-form');
  for (const [field, text] of Object.entries(fill)) await form.getByLabel(field, { exact: true }).fill(text);
  await confirm(page);
}

test('三级调解 community → street → district, then 诉调对接: referred in a batch, filed, judged; the figures follow', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const applicant = '3栋 1201 业主 李某';

  // The community brings a fees dispute at its own level and records a first session.
  const community = await openDesk('wangjiang.community');
  await figure(community, 'fig-total', 0);
  await community.getByRole('button', { name: '登记纠纷' }).click();
  const form = modal(community).getByTestId('new-dispute-form');
  // The estate is found by the server as one types, here by its code.
  await form.getByTestId('dispute-estate').click();
  await community.keyboard.type('JC-001');
  await community
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: `${estate.name}（JC-001）` })
    .click();
  await dropdownsClosed(community);
  await choose(community, form.getByTestId('dispute-kind'), '物业收费');
  await form.getByLabel('申请人', { exact: true }).fill(applicant);
  await form.getByLabel('被申请人').fill(estate.company);
  await form.getByLabel('请求事项').fill('物业费上调未经业主表决，要求按原标准收取');
  await confirm(community);
  await community.getByText('纠纷已登记，进入调解').waitFor();
  await drawer(community).getByText('社区 · 受理').waitFor();
  await act(community, '记录调解', { 调解情况: '首次调解，双方各执一词' });
  await drawer(community).getByText('首次调解，双方各执一词').waitFor();
  await act(community, '上报上一级', { 上报理由: '涉及收费标准，社区无法调处' });
  await community.getByText('已上报至街道').waitFor();
  await drawer(community).getByText('当前无需本单位办理').waitFor();
  await shot(community, 'community');
  await figure(community, 'fig-total', 1);
  await figure(community, 'fig-open', 1);

  // The street office holds it now: it mediates once more and sends it up to the district.
  const street = await openDesk('wangjiang.street');
  await openDispute(street, new RegExp(`${estate.name}.*物业收费.*${applicant}.*街道.*调解中`));
  await drawer(street).getByText('涉及收费标准，社区无法调处').waitFor();
  await act(street, '记录调解', { 调解情况: '街道人民调解委员会组织调解，未达成一致' });
  await act(street, '上报上一级', { 上报理由: '当事人申请区级调解' });
  await street.getByText('已上报至区级').waitFor();

  // The district records that mediation failed.
  const district = await openDesk('jiangnan.admin');
  await openDispute(district, new RegExp(`${applicant}.*区级.*调解中`));
  await drawer(district).getByRole('button', { name: '上报上一级' }).waitFor({ state: 'detached' });
  await act(district, '终结调解', { 说明: '双方分歧较大，调解不成' });
  await district.getByText('调解已终结').waitFor();
  await drawer(district).getByText('区级 · 调解不成').waitFor();
  await shot(district, 'history');
  await drawer(district).locator('.ant-drawer-close').click();

  // 诉调对接: the failed dispute is ticked and referred in one batch.
  await district.getByRole('tab', { name: '诉调对接' }).click();
  await district
    .getByTestId('to-refer')
    .getByRole('row', { name: new RegExp(applicant) })
    .getByRole('checkbox')
    .check();
  await district.getByTestId('referral-court').fill('江南区人民法院');
  await district.getByRole('button', { name: '批量移送法院（1 件）' }).click();
  await district.getByText('已移送 1 件至江南区人民法院').waitFor();
  await figure(district, 'fig-referred', 1);

  // The court files it under a case number, then judges it.
  const caseNo = '（2026）浙0102民初1001号';
  const judgedOn = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const inCourt = district.getByTestId('in-court');
  await inCourt
    .getByRole('row', { name: /已移送法院/ })
    .getByRole('button', { name: '登记立案' })
    .click();
  await modal(district).getByLabel('案号').fill(caseNo);
  await confirm(district);
  await district.getByText('已登记立案').waitFor();
  await inCourt
    .getByRole('row', { name: new RegExp(`法院已立案.*江南区人民法院.*${caseNo}`) })
    .getByRole('button', { name: '登记法院结果' })
    .click();
  // The desk learns of the judgment later: it enters the court's own, earlier day.
  await modal(district).getByLabel('已判决').check();
  const dateInput = modal(district).locator('[data-testid=court-date] input, input[data-testid=court-date]');
  await dateInput.click();
  await dateInput.fill(judgedOn);
  await dateInput.press('Enter');
  await confirm(district);
  await district.getByText('法院结果已登记').waitFor();
  await inCourt.getByText('暂无移送法院的纠纷').waitFor();
  for (const [id, n] of [
    ['fig-total', 1],
    ['fig-open', 0],
    ['fig-referred', 1],
    ['fig-filed', 1],
    ['fig-court-mediated', 0],
    ['fig-judged', 1],
  ] as const)
    await figure(district, id, n);
  await shot(district, 'court');

  // The ledger, filtered by state, shows where it ended — for the community that brought it, too.
  await district.getByRole('tab', { name: '调处台账' }).click();
  await choose(district, district.getByTestId('filter-state'), '已判决');
  await district
    .getByTestId('med-ledger')
    .getByRole('row', { name: new RegExp(`${applicant}.*区级.*已判决`) })
    .waitFor();
  // A period in which no dispute was brought: the figures and the ledger are empty; cleared, they come back.
  const range = district.locator('.ant-picker-range', { has: district.getByTestId('med-period') });
  const [start, end] = [range.locator('input').first(), range.locator('input').nth(1)];
  await start.click();
  await start.fill('2020-01-01');
  await start.press('Enter');
  await end.fill('2020-12-31');
  await end.press('Enter');
  await figure(district, 'fig-total', 0);
  await district.getByTestId('med-ledger').getByText('暂无纠纷记录').waitFor();
  await range.hover();
  await range.locator('.ant-picker-clear').click();
  await figure(district, 'fig-total', 1);
  await district
    .getByTestId('med-ledger')
    .getByRole('row', { name: new RegExp(applicant) })
    .waitFor();
  await community.reload();
  await community
    .getByTestId('med-ledger')
    .getByRole('row', { name: new RegExp(`${applicant}.*已判决`) })
    .waitFor();
  await figure(community, 'fig-judged', 1);
  await community
    .getByRole('button', { name: button('详情') })
    .first()
    .click();
  await drawer(community).getByTestId('dispute-facts').getByText(caseNo).waitFor();
  const history = drawer(community).getByTestId('dispute-history');
  await history.getByText(`${judgedOn} 区级 · 法院判决`).waitFor();
  await drawer(community).getByTestId('dispute-facts').getByText(judgedOn).waitFor();
  // Each step says who took it.
  await history.getByText('办理人：望江社区居委会').first().waitFor();
  await history.getByText('办理人：江南区住建局').first().waitFor();
  await shot(community, 'ended');

  // The ledger exports as filtered.
  await drawer(community).locator('.ant-drawer-close').click();
  const download = community.waitForEvent('download');
  await community.getByTestId('med-ledger-xlsx').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^矛盾纠纷调处台账.*\.xlsx$/);
});

/** As the street office, through the API: an inspection of the estate that fails two fire-safety items. */
async function inspectWithTwoFailures() {
  const { page } = await h.newPage();
  await passwordLogin(page, 'wangjiang.street');
  await page.waitForURL(`${h.baseUrl}/`);
  const api = await apiOf(page);
  const me = await api.get<{ id: string; csrfToken: string }>('/api/v1/auth/me');
  const base = '/api/v1/supervision';
  const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await api.send('POST', `${base}/inspection-plans`, {
    name: '消防安全检查',
    templateId: '01900000-0000-7000-8000-000000000423',
    dueOn,
    inspectorIds: [me.id],
    estateIds: [estate.id],
  });
  const mine = await api.get<{ id: string; estateId: string }[]>(`${base}/my-inspections`);
  const inspection = mine.find((i) => i.estateId === estate.id);
  assert.ok(inspection);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  for (const item of ['fire_exit', 'fire_equip', 'fire_lane']) {
    const res: APIResponse = await page.request.post(`${base}/inspections/${inspection.id}/photos`, {
      headers: { 'x-csrf-token': me.csrfToken },
      multipart: { item, file: { name: `${item}.png`, mimeType: 'image/png', buffer: png } },
    });
    assert.equal(res.status(), 201, await res.text());
  }
  await api.send('POST', `${base}/inspections/${inspection.id}/submit`, {
    version: 1,
    lat: 30.2,
    lng: 120.2,
    results: [
      { itemCode: 'fire_exit', score: 10, passed: false, note: '疏散通道堆放杂物' },
      { itemCode: 'fire_equip', score: 30, passed: true },
      { itemCode: 'fire_lane', score: 5, passed: false, note: '消防车通道停放私家车' },
    ],
  });
  await page.close();
}

test('the public portal without signing in: find a company, its profile unrated, an estate’s rectification', async () => {
  await inspectWithTwoFailures();
  const { page } = await h.newPage();
  await page.goto('/login');
  await page.getByTestId('public-link').click();
  await page.waitForURL(/\/public$/);
  await page.getByTestId('portal-title').getByText('物业企业信息公开查询').waitFor();

  // Search by part of the name, as a visitor would.
  const word = `${estate.company.slice(2, estate.company.indexOf('物业'))}物业`;
  await page.getByPlaceholder('输入企业名称或统一社会信用代码').fill(word);
  await page.getByRole('button', { name: button('查询') }).click();
  const hit = page.getByTestId('portal-hit').filter({ hasText: estate.company });
  await hit.getByText('未评价').waitFor();
  await shot(page, 'portal-search');
  await hit.getByRole('link', { name: estate.company }).click();

  // The profile says plainly that no quarter has rated it, and that it was never listed.
  await page.waitForURL(/\/public\/companies\/[0-9a-f-]+$/);
  await page.getByTestId('company-name').getByText(estate.company).waitFor();
  await page.getByTestId('company-profile').getByText('未评价').waitFor();
  await page.getByTestId('company-history').getByText('尚无已发布的信用评价结果').waitFor();
  await page.getByTestId('company-sanctions').getByText('无红黑榜记录').waitFor();

  // The estate's rectification: two problems found, none rectified yet.
  await choose(page, page.getByTestId('portal-estate'), estate.name);
  const rect = page.getByTestId('rectification');
  await rect.getByText(`${estate.name} 整改进度`).waitFor();
  for (const [id, value] of [
    ['rect-found', '2'],
    ['rect-rectified', '0'],
    ['rect-open', '2'],
    ['rect-rate', '0%'],
  ])
    await rect.getByTestId(id).getByText(value, { exact: true }).waitFor();
  await dropdownsClosed(page);
  await shot(page, 'portal-company');

  // The ranking and lists are a click away.
  await page.getByTestId('public-nav').getByRole('link', { name: '信用排名与红黑榜' }).click();
  await page.getByTestId('public-title').getByText('物业企业信用排名与红黑榜').waitFor();
});
