import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Matter, Participation, Rules } from '../src/web/voting/types.ts';
import { type Harness, passwordLogin, phoneLogin, startHarness } from './harness.ts';
import {
  announce,
  apiOf,
  button,
  choose,
  draftMatter,
  dropdownsClosed,
  estateOwners,
  reloadUntil,
  SCAN_PDF,
  SHOTS,
  sleep,
} from './voting-helpers.ts';

/**
 * 业委会换届 in the browser: the committee records its 议事规则 (a stale save is refused), runs an election for three
 * seats between four owners named by their units, the demo resident votes on the phone, paper ballots are
 * entered with their scans, the result is published and the elected take their seats. A member leaves and the
 * alternate steps in; the new director signs their 履职承诺 on the phone; the old committee hands over, the street
 * office confirms receipt and the old committee has ended; the street office starts the annual 述职评议.
 * Run: npm test e2e/committees.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `committees-${name}.png`), fullPage: true });
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: SCAN_PDF });
const okButton = (page: Page) => page.locator('.ant-modal-container').getByRole('button', { name: button('确定') });

test('an election seats a new committee; the old one hands over to the street office and ends', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The demo resident owns 1号楼 101, the first unit; the three next owners stand with them.
  const [r, x, z, y] = await estateOwners(h, 4);
  assert.equal(r.label, '1号楼 101');

  // 议事规则: the estate is on the defaults; someone else saves first, so this save is refused, not overwritten.
  const { page: org } = await h.newPage();
  await passwordLogin(org, 'committee.member');
  await org.waitForURL(`${h.baseUrl}/`);
  await org.getByRole('menuitem', { name: '议事规则' }).click();
  await org.waitForURL(/\/voting\/rules\?estateId=/);
  const rules = org.getByTestId('rules-form');
  await rules.getByText('本小区尚未登记议事规则').waitFor();
  await shot(org, 'rules');
  const api = await apiOf(org);
  const estateId = new URL(org.url()).searchParams.get('estateId') as string;
  const { estateId: _, ...defaults } = await api.get<Rules>(`/api/v1/voting/rules/${estateId}`);
  await api.send('PUT', `/api/v1/voting/rules/${estateId}`, { ...defaults, publicityDays: 10 });
  await rules.getByLabel('公告期').fill('0');
  await rules.getByRole('button', { name: '保存议事规则' }).click();
  await org.getByTestId('rules-error').getByText('数据已被他人修改').waitFor();
  // The other save is loaded instead; the notice period is entered again on top of it.
  await rules.getByText('已登记，第 1 版').waitFor();
  assert.equal(await rules.getByLabel('公示期').inputValue(), '10');
  await rules.getByLabel('公告期').fill('0');
  await rules.getByRole('button', { name: '保存议事规则' }).click();
  await org.getByText('议事规则已保存').waitFor();
  await rules.getByText('已登记，第 2 版').waitFor();

  // The election: 3 seats (a small estate's committee), 4 candidates by unit, an attachment while it is a draft, then the 公告.
  const id = await draftMatter(org, {
    item: '3. 选举业主委员会或者更换业主委员会成员',
    title: '第二届业主委员会选举',
    opensIn: 30_000,
    closesIn: 60_000,
    seats: 3,
    candidates: [r.label, x.label, z.label, y.label],
    shot: 'committees-new-election.png',
  });
  const files = org.getByTestId('matter-files');
  await files.locator('input[type=file]').setInputFiles(pdf('选举办法.pdf'));
  await files.getByText('选举办法.pdf').waitFor();
  await org.getByTestId('matter-rules').getByText('10', { exact: true }).waitFor();
  await announce(org);
  await shot(org, 'election-announced');

  // The resident reads the attachment and votes for themselves and the second candidate once voting opens.
  const { page: rp, context: rc } = await h.newPage({ mobile: true });
  await phoneLogin(rp, rc);
  await rp.goto(`/h5/votes/${id}`);
  const link = rp.getByTestId('vote-files').getByText('选举办法.pdf');
  const download = await rp.request.get((await link.getAttribute('href')) as string);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  await reloadUntil(rp, () => rp.getByTestId('vote-box').isVisible());
  const box = rp.getByTestId('vote-box');
  await box.getByText(r.name).click();
  await box.getByText(x.name).click();
  await box.getByRole('button', { name: button('投票') }).click();
  await rp.getByTestId('my-ballot').getByText(`${r.name}、${x.name}`).waitFor();

  // Paper ballots: each with its scan. One through the dialog, the stack of sheets through the same API.
  const m = await api.get<Matter>(`/api/v1/voting/matters/${id}`);
  const cid = (name: string) => m.candidates.find((c) => c.name === name)?.id as string;
  const [cr, cx, cz, cy] = [cid(r.name), cid(x.name), cid(z.name), cid(y.name)];
  // Per twenty sheets x is on 18, z on 16, r on 14: elected in that order; y on 12 qualifies as the alternate.
  const pattern = (j: number) =>
    j % 20 < 8 ? [cr, cx, cz] : j % 20 < 14 ? [cx, cy, cz] : j % 20 < 18 ? [cr, cx, cy] : [cr, cy, cz];
  const part = await api.get<Participation>(`/api/v1/voting/matters/${id}/participation`);
  const units = part.notVoted.map((e) => e.units[0]).sort();
  // A tenth of the owners do not vote.
  const sheets = units.filter((_, i) => i % 10 !== 9);
  await org.reload();
  await org.getByRole('button', { name: '录入纸质选票' }).click();
  const paper = org.getByTestId('paper-ballot-form');
  await paper.locator('input[type=file]').setInputFiles(pdf('P-0001.pdf'));
  await paper.locator('.ant-upload-list-item-done').waitFor();
  await paper.getByLabel('房屋').fill(sheets[0]);
  await paper.getByLabel('选票编号').fill('P-0001');
  for (const c of [r, x, z]) await paper.getByText(c.name).click();
  await shot(org, 'paper-ballot');
  await org
    .locator('.ant-modal-container')
    .getByRole('button', { name: button('录入') })
    .click();
  await org.getByText(/已录入，选票凭证 [2-9A-Z]{10}/).waitFor();
  await org.locator('.ant-modal-close').click();
  for (const [j, unit] of sheets.entries()) {
    if (j === 0) continue; // entered through the dialog above
    const serial = `P-${String(j + 1).padStart(4, '0')}`;
    const scan = await api.scan(id, `${serial}.pdf`);
    await api.send('POST', `/api/v1/voting/matters/${id}/paper-ballots`, {
      unit,
      serial,
      scanId: scan.id,
      choices: pattern(j),
    });
  }

  // 截止计票 after the window, then 公示, then 确认就任 with r as director and x as deputy.
  await reloadUntil(org, () => org.getByRole('button', { name: '截止计票' }).isVisible());
  await org.getByRole('button', { name: '截止计票' }).click();
  await org.getByTestId('vote-outcome').getByText('通过').waitFor();
  const tallied = (await api.get<Matter>(`/api/v1/voting/matters/${id}`)).result;
  assert.deepEqual(tallied?.elected, [cx, cz, cr]);
  assert.deepEqual(tallied?.alternates, [cy]);
  await org.getByTestId('matter-files').getByText(`纸质选票扫描件（${sheets.length} 份）`).waitFor();
  await org.getByRole('button', { name: button('公示') }).click();
  await org.getByTestId('vote-phase').getByText('已公示').waitFor();
  await org.getByTestId('public-until').waitFor();
  await org.getByRole('button', { name: '确认就任' }).click();
  const seat = org.getByTestId('seat-form');
  await choose(org, seat.getByTestId('seat-director'), r.name);
  await choose(org, seat.getByTestId('seat-deputies'), x.name);
  await seat.getByText('任期不超过 5 年', { exact: false }).click(); // closes the multiple select's dropdown
  await dropdownsClosed(org);
  await shot(org, 'seat');
  await okButton(org).click();
  await org.getByText('当选委员已就任').waitFor();
  await shot(org, 'election-seated');

  // The committee page: the new committee with its director, the old one handing over.
  await org.getByRole('link', { name: '查看业委会' }).click();
  await org.waitForURL(/\/committee\?estateId=/);
  const active = org.getByTestId('committee-active');
  const row = (card: typeof active, name: string) =>
    card.getByTestId('committee-members').getByRole('row').filter({ hasText: name });
  await row(active, r.name).getByText('主任', { exact: true }).waitFor();
  await row(active, x.name).getByText('副主任', { exact: true }).waitFor();
  await active.getByTestId('alternates').getByText(y.name).waitFor();
  const old = org.getByTestId('committee-handover');
  await old.getByTestId('committee-status').getByText('待移交').waitFor();
  await shot(org, 'page');

  // x leaves; y, the first alternate, takes the seat.
  await row(active, x.name)
    .getByRole('button', { name: button('离任') })
    .click();
  await org.getByTestId('member-dialog-text').fill('因工作调动辞去委员职务');
  await okButton(org).click();
  await row(active, y.name).getByText('候补递补').waitFor();
  await active.getByTestId('former-members').getByText('因工作调动辞去委员职务').waitFor();

  // The old committee lists what it hands over; the same account cannot confirm its own list.
  const handover = old.getByTestId('handover-form');
  const items = handover.getByTestId('handover-row');
  await items.nth(0).getByPlaceholder('物品 / 资料').fill('业主委员会印章');
  await handover.getByRole('button', { name: '添加一项' }).click();
  await items.nth(1).getByPlaceholder('物品 / 资料').fill('会议记录及档案');
  await items.nth(1).getByLabel('数量').fill('3');
  await items.nth(1).getByPlaceholder('备注').fill('2025–2026 年');
  await handover.getByRole('button', { name: '提交移交清单' }).click();
  await old.getByTestId('handover-items').getByText('会议记录及档案').waitFor();
  await old.getByText('待接收方确认').waitFor();
  await old.getByRole('button', { name: '确认接收' }).click();
  await org.getByText('须由接收方确认，不能由移交人本人确认').waitFor();
  await shot(org, 'handover');

  // The new director signs their 履职承诺 on the phone.
  await rp.goto('/h5');
  const mine = rp.getByTestId('my-committee');
  await mine.getByText(`${r.name} · 主任`).waitFor();
  await mine.getByTestId('sign-commitment').click();
  await rp.getByText('本人作为业主委员会委员，承诺', { exact: false }).waitFor();
  await sleep(500); // the dialog's zoom-in, for the picture
  await shot(rp, 'h5-commitment');
  await rp.getByRole('button', { name: '本人已阅读并作出承诺' }).click();
  await mine.getByText('履职承诺已签署', { exact: false }).waitFor();
  await rp.locator('.ant-modal').waitFor({ state: 'detached' });
  await shot(rp, 'h5-committee');

  // The street office receives the handover: the old committee has ended.
  const { page: street } = await h.newPage();
  await passwordLogin(street, 'wangjiang.street');
  await street.waitForURL(`${h.baseUrl}/`);
  await street.getByRole('menuitem', { name: '业委会' }).click();
  await street.getByTestId('estate-picker').click();
  await street.keyboard.type('锦绣');
  await street.locator('.ant-select-item-option').filter({ hasText: '锦绣花园' }).click();
  await street.getByTestId('committee-handover').getByRole('button', { name: '确认接收' }).click();
  await street.getByTestId('previous-committees').getByText('往届委员会（1）').click();
  const ended = street.getByTestId('committee-ended');
  await ended.getByTestId('committee-status').getByText('已结束').waitFor();
  await ended.getByTestId('handover-received').waitFor();
  await row(street.getByTestId('committee-active'), r.name)
    .getByText(/已签署/)
    .waitFor();
  await shot(street, 'ended');

  // The same page in English.
  await street.getByTestId('lang-switch').getByText('EN').click();
  await street.getByTestId('committee-active').getByText('In office').waitFor();
  await shot(street, 'en');
  await street.getByTestId('lang-switch').getByText('中文').click();

  // The street office starts the new committee's annual review: a draft matter about it.
  await street.getByTestId('start-review').click();
  const title = await street.getByTestId('review-form').getByLabel('标题').inputValue();
  assert.match(title, /^\d{4} 年度业主委员会述职评议$/);
  await okButton(street).click();
  await street.waitForURL(/\/voting\/[0-9a-f-]+$/);
  await street.getByText('述职评议', { exact: true }).waitFor();
  await street.getByTestId('vote-phase').getByText('草稿').waitFor();
  await street.goBack();
  await street.getByTestId('committee-reviews').getByText('年度业主委员会述职评议', { exact: false }).waitFor();
});

test('the street office sets up a 物业管理委员会 where no owners’ committee was elected', async () => {
  const estate = await h.handle.db
    .selectFrom('estates')
    .select(['id', 'name'])
    .where('code', '=', 'JC-002')
    .executeTakeFirstOrThrow();
  const owner = await h.handle.db
    .selectFrom('unit_owners')
    .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
    .select('persons.name')
    .where('unit_owners.estate_id', '=', estate.id)
    .where('unit_owners.is_representative', '=', true)
    .orderBy('persons.name')
    .executeTakeFirstOrThrow();
  const { page } = await h.newPage();
  await passwordLogin(page, 'wangjiang.street');
  await page.waitForURL(`${h.baseUrl}/`);
  await page.goto(`/committee?estateId=${estate.id}`);
  await page.getByText('尚未成立业主委员会').waitFor();
  await page.getByTestId('new-committee').click();
  const form = page.getByTestId('new-committee-form');
  const range = form.locator('.ant-picker-range input');
  await range.first().click();
  await range.first().fill('2026-12-01');
  await range.first().press('Enter');
  await range.last().fill('2028-11-30');
  await range.last().press('Enter');
  // A street official chairs it (the first row), with an owner and a community worker.
  const rows = form.getByTestId('committee-member-row');
  await rows.nth(0).getByPlaceholder('姓名').fill('王建国');
  await form.getByRole('button', { name: '添加成员' }).click();
  await rows.nth(1).getByRole('combobox', { name: '业主' }).click();
  await page.keyboard.type(owner.name);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: owner.name })
    .first()
    .click();
  await form.getByRole('button', { name: '添加成员' }).click();
  await choose(page, rows.nth(2).getByRole('combobox', { name: '身份' }), '社区代表');
  await rows.nth(2).getByPlaceholder('姓名').fill('李秀英');
  await dropdownsClosed(page);
  await shot(page, 'new-management-committee');
  await okButton(page).click();
  await page.getByText('委员会已登记').waitFor();
  const card = page.getByTestId('committee-active');
  await card.getByText('物业管理委员会').waitFor();
  const members = card.getByTestId('committee-members');
  await members.getByRole('row').filter({ hasText: '王建国' }).getByText('街道代表').waitFor();
  await members.getByRole('row').filter({ hasText: '王建国' }).getByText('主任', { exact: true }).waitFor();
  await members.getByRole('row').filter({ hasText: owner.name }).getByText('街道组建').waitFor();
  await members.getByRole('row').filter({ hasText: '李秀英' }).getByText('社区代表').waitFor();
  await shot(page, 'management-committee');
});
