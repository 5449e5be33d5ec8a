import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { previousQuarter, quarterOf } from '../src/web/credit/types.ts';
import { type Harness, passwordLogin, startHarness } from './harness.ts';
import { button, buttonEnding, choose, SHOTS } from './voting-helpers.ts';

/**
 * 信用评价 in the browser: the city records a bad record for company.admin's company and may not approve its own
 * entry; the district approves it; the company objects to it on its 信用记录 page; the city sets the quarter's base
 * scores and is refused publication while the objection is open; the district upholds it (the record is withdrawn);
 * the city publishes the quarter and sees the ranking, and so does anyone on the public page without signing in.
 * Run: npm test e2e/credit.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `credit-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal-container');
const ok = (page: Page) => modal(page).getByRole('button', { name: buttonEnding('确定') });
const row = (page: Page, text: RegExp) => page.getByTestId('credit-records').getByRole('row', { name: text });

async function signIn(username: string) {
  const { page } = await h.newPage();
  await passwordLogin(page, username);
  await page.waitForURL(`${h.baseUrl}/`);
  return page;
}
/** 信用评价 with the company's records on screen. */
async function openRecords(page: Page, company: string) {
  await page.getByRole('menuitem', { name: '信用评价' }).click();
  await page.waitForURL(/\/supervision\/credit$/);
  await choose(page, page.getByTestId('credit-company'), company);
}

test('a record approved by a second person, an objection upheld before publication, the ranking public', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The last quarter to have ended: a quarter is published once it is over, and the record falls inside it.
  const period = previousQuarter(quarterOf());
  const inPeriod = `${period.slice(0, 4)}-${String(Number(period.slice(5)) * 3 - 1).padStart(2, '0')}-15`;
  const co = await signIn('company.admin');
  const me = await (await co.request.get('/api/v1/auth/me')).json();
  const company = me.bindings.find((b: { role: string }) => b.role === 'company_admin').scopeName as string;
  assert.ok(company);

  // The city enters a bad record; it may not approve its own entry, and the page says why.
  const city = await signIn('city.admin');
  await openRecords(city, company);
  await city.getByText('暂无信用记录').waitFor();
  await city.getByRole('button', { name: '新增记录' }).click();
  const form = city.getByTestId('record-form');
  await choose(city, form.getByTestId('credit-item'), '经法院判决承担责任');
  await form.getByLabel('发生日期').fill(inPeriod);
  await form.getByLabel('依据').fill('（2026）江 0102 民初 123 号判决书');
  await ok(city).click();
  await city.getByText('信用记录已录入，待他人审核').waitFor();
  const record = row(city, /经法院判决承担责任.*-5.*待审核/);
  await record.waitFor();
  await record.getByRole('button', { name: '审核通过' }).click();
  await city.getByText('信用记录须由录入人以外的人员审核').waitFor();
  await shot(city, 'own-record');

  // The district approves it.
  const district = await signIn('jiangnan.admin');
  await openRecords(district, company);
  await row(district, /待审核/)
    .getByRole('button', { name: '审核通过' })
    .click();
  await row(district, /经法院判决承担责任.*已生效/).waitFor();

  // The company objects on its own page.
  await co.getByRole('menuitem', { name: '信用记录' }).click();
  await co.waitForURL(/\/supervision\/credit\/mine$/);
  await row(co, /已生效/)
    .getByRole('button', { name: button('申诉') })
    .click();
  await co.getByTestId('object-form').getByLabel('申诉理由').fill('该判决已被二审撤销');
  await ok(co).click();
  await co.getByText('申诉已提交，等待主管部门处理').waitFor();
  await row(co, /申诉待处理.*该判决已被二审撤销/).waitFor();
  await shot(co, 'objection');

  // The city sets a base score and is refused publication while the objection is open.
  await city.getByRole('tab', { name: '季度发布' }).click();
  await city.getByTestId('credit-period').getByText(period).waitFor();
  await city.getByLabel(`${company} 基础信息分`).fill('78.5');
  await city.getByRole('button', { name: '保存基础信息分' }).click();
  await city.getByText('已保存 1 家企业的基础信息分').waitFor();
  await city.getByRole('button', { name: '发布评价结果' }).click();
  await ok(city).click();
  await modal(city)
    .getByTestId('publish-error')
    .getByText(/尚有 1 项申诉未处理/)
    .waitFor();
  await shot(city, 'refused');
  await modal(city)
    .getByRole('button', { name: button('取消') })
    .click();
  await modal(city).waitFor({ state: 'detached' });

  // The district upholds the objection: the record is withdrawn.
  await district.reload();
  await choose(district, district.getByTestId('credit-company'), company);
  await row(district, /申诉待处理/)
    .getByRole('button', { name: '申诉处理' })
    .click();
  const decision = district.getByTestId('objection-decision-form');
  await decision.getByLabel('申诉成立（撤销记录）').check();
  await decision.getByLabel('处理意见').fill('二审改判，撤销该记录');
  await ok(district).click();
  await district.getByText('申诉已处理').waitFor();
  await row(district, /已撤销.*申诉成立.*二审改判/).waitFor();

  // The city publishes; the withdrawn record does not count, so the company keeps its 78.5.
  await city.getByRole('button', { name: '发布评价结果' }).click();
  await ok(city).click();
  await city.getByText(`${period} 评价结果已发布`).waitFor();
  const ranked = city.getByTestId('credit-ranking');
  await ranked.getByRole('row', { name: new RegExp(`^1 ${company} 78.5 分 A$`) }).waitFor();
  await shot(city, 'ranking');

  // Anyone, without signing in.
  const { page: pub } = await h.newPage();
  await pub.goto('/public/credit');
  await pub.getByTestId('public-title').getByText('物业企业信用排名与红黑榜').waitFor();
  await pub
    .getByTestId('credit-ranking')
    .getByRole('row', { name: new RegExp(`^1 ${company} 78.5 分 A$`) })
    .waitFor();
  await shot(pub, 'public');
  // The ranking downloads as published.
  const download = pub.waitForEvent('download');
  await pub.getByTestId('ranking-csv').click();
  const file = await download;
  assert.match(file.suggestedFilename(), new RegExp(`^信用评价排名-${period}\\.csv$`));
  const csv = fs.readFileSync((await file.path()) as string, 'utf8');
  assert.match(csv, new RegExp(`\\n1,${company},78\\.50,A,`));
  await pub.getByTestId('red-list').locator('.ant-empty').waitFor();
});
