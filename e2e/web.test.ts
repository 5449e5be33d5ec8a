import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, passwordLogin, startHarness } from './harness.ts';

/**
 * What a person notices in the web client, against the real server and the demo city.
 * Run: npx vite build && node --import tsx --test e2e/web.test.ts
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const estateRows = '.ant-table-tbody tr.ant-table-row';

test('the city regulator browses regions, estates, a building and its units', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'city.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  await page.getByText('江城市住建局').first().waitFor();
  // The home page counts the whole city on the server: the demo's 12 estates.
  const estatesCard = page.locator('.ant-statistic').filter({ has: page.getByRole('link', { name: '小区' }) });
  await estatesCard.locator('.ant-statistic-content-value').getByText('12', { exact: true }).waitFor();

  await page.getByRole('menuitem', { name: '区域与小区' }).click();
  await page.waitForURL(/\/registry/);
  const tree = page.locator('.ant-tree');
  for (const region of ['江城市', '江南区', '望江街道', '望江社区'])
    await tree.getByText(region, { exact: true }).waitFor();
  await page.locator(estateRows).nth(11).waitFor();
  assert.equal(await page.locator(estateRows).count(), 12);

  // Picking a district narrows the list to its estates.
  await tree.getByText('江南区', { exact: true }).click();
  await page.waitForURL(/regionId=/);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length < 12, estateRows);
  await tree.getByText('江南区', { exact: true }).click();
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 12, estateRows);

  const first = page.locator(estateRows).first().locator('a').first();
  const estateName = (await first.textContent()) ?? '';
  await first.click();
  await page.waitForURL(/\/estates\//);
  await page.getByRole('heading', { name: estateName }).waitFor();
  await page.getByText('1号楼（', { exact: false }).click();
  const areaCell = page
    .locator('.ant-table-tbody')
    .getByText(/^[\d,]+\.\d{2} ㎡$/)
    .first();
  await areaCell.waitFor();
  assert.match((await areaCell.textContent()) ?? '', /^\d{2,3}\.\d{2} ㎡$/);
  // Owners' phone numbers are masked.
  await page
    .locator('.ant-table-tbody')
    .getByText(/1\d{2}\*{4}\d{4}/)
    .first()
    .waitFor();
  await page.screenshot({ path: '/tmp/anju-estate.png', fullPage: false });

  // The demo owners' committee sits in estate JC-001: find it with the search box.
  await page.getByRole('link', { name: '区域与小区' }).click();
  await page.getByPlaceholder('搜索小区名称、编码或地址').fill('JC-001');
  await page.getByPlaceholder('搜索小区名称、编码或地址').press('Enter');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, estateRows);
  await page.locator(estateRows).first().locator('a').first().click();
  await page.getByRole('tab', { name: '业主委员会' }).click();
  await page.getByRole('cell', { name: '主任', exact: true }).waitFor();
  await context.close();
});

test('the city regulator edits an estate, and a stale edit is refused instead of overwriting', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'city.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  const estate = await h.handle.db
    .selectFrom('estates')
    .select(['id', 'name'])
    .where('code', '=', 'JC-003')
    .executeTakeFirstOrThrow();
  await page.goto(`${h.baseUrl}/estates/${estate.id}`);
  await page.getByRole('heading', { name: estate.name }).waitFor();

  await page.getByTestId('estate-edit').click();
  await page.getByLabel('地址').fill('江城市人民路 88 号');
  await page.getByLabel('总建筑面积 (㎡)').fill('52345.67');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('江城市人民路 88 号').waitFor();
  await page.getByText('52,345.67 ㎡').waitFor();
  const saved = await h.handle.db
    .selectFrom('estates')
    .select(['address', 'total_area', 'version'])
    .where('id', '=', estate.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(saved, { address: '江城市人民路 88 号', total_area: 5234567, version: 2 });

  // Someone else saves while the form is open: this save is refused with the server's message.
  await page.getByTestId('estate-edit').click();
  await h.handle.db
    .updateTable('estates')
    .set({ name: '别人改的名字', version: 3 })
    .where('id', '=', estate.id)
    .execute();
  await page.getByLabel('地址').fill('不会保存的地址');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('数据已被他人修改，请刷新后重试').waitFor();
  const after = await h.handle.db
    .selectFrom('estates')
    .select(['name', 'address'])
    .where('id', '=', estate.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(after, { name: '别人改的名字', address: '江城市人民路 88 号' });
  await context.close();
});

test('a company admin sees only its own estates and its company', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'company.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  const menu = page.getByRole('menu');
  await menu.getByText('本企业').waitFor();
  assert.equal(await menu.getByText('物业企业', { exact: true }).count(), 0);
  assert.equal(await menu.getByText('数据导入').count(), 1);

  await menu.getByText('区域与小区').click();
  await page.locator(estateRows).first().waitFor();
  await page.waitForLoadState('networkidle');
  const seen = await page.locator(estateRows).count();
  assert.ok(seen > 0 && seen < 12, `company admin sees ${seen} estates`);

  await menu.getByText('本企业').click();
  await page.waitForURL(/\/companies\//);
  await page.getByText('统一社会信用代码').waitFor();
  await page.getByRole('tab', { name: '员工' }).waitFor();
  assert.equal(await page.locator(estateRows).count(), seen);

  // The session survives a reload of the root page, and "sign out everywhere" ends it.
  await page.goto('/');
  await menu.getByText('本企业').waitFor();
  await page.getByTestId('user-menu').click();
  await page.getByText('退出所有设备').click();
  await page.waitForURL(/\/login$/);
  await page.goto('/registry');
  await page.waitForURL(/\/login$/);
  await context.close();
});

test('a wrong password says so', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'city.admin', 'not-the-password');
  await page.getByTestId('login-error').getByText('账号或密码错误').waitFor();
  assert.match(page.url(), /\/login$/);
  await context.close();
});

test('a resident signs in with an SMS code and sees their home on the phone layout', async () => {
  const { page, context } = await h.newPage({ mobile: true });
  await page.goto('/login');
  await page.getByRole('tab', { name: '手机验证码' }).click();
  await page.getByPlaceholder('手机号').fill('13800000001');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByRole('button', { name: /秒后重发/ }).waitFor();

  // The code, as a tester reads it: from the development inbox page.
  const inbox = await context.newPage();
  await inbox.goto('/dev/inbox');
  const code = ((await inbox.getByTestId('otp-code').first().textContent()) ?? '').trim();
  assert.match(code, /^\d{6}$/);
  await inbox.close();

  await page.getByPlaceholder('6 位验证码').fill(code);
  await page.locator('form button[type=submit]:visible').click();
  await page.waitForURL(/\/h5$/);
  await page.locator('header').getByText('我的房屋').waitFor();
  await page.getByTestId('my-unit').first().waitFor();
  assert.ok((await page.getByTestId('my-unit').count()) >= 1);
  await page
    .getByTestId('my-unit')
    .first()
    .getByText(/\d+\.\d{2} ㎡/)
    .waitFor();
  await page.screenshot({ path: '/tmp/anju-h5.png' });

  await page.getByTestId('h5-tabbar').getByText('我的', { exact: true }).click();
  await page
    .getByText(/138\*{4}0001/)
    .first()
    .waitFor();
  await page.screenshot({ path: '/tmp/anju-h5-me.png' });
  await context.close();
});

test('switching to English changes the menu and the server’s messages', async () => {
  const { page, context } = await h.newPage();
  await page.goto('/login');
  await page.getByTestId('lang-switch').getByText('EN').click();
  await page.getByRole('tab', { name: 'Phone code' }).waitFor();
  // The choice reaches the server through the anju_lang cookie.
  await passwordLogin(page, 'jiangnan.admin', 'wrong-password');
  await page.getByTestId('login-error').getByText('Wrong account or password').waitFor();

  await passwordLogin(page, 'jiangnan.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  const menu = page.getByRole('menu');
  await menu.getByText('Regions & estates').waitFor();
  await menu.getByText('Companies').waitFor();
  assert.equal(await menu.getByText('区域与小区').count(), 0);

  await page.getByTestId('lang-switch').getByText('中文').click();
  await menu.getByText('区域与小区').waitFor();
  await context.close();
});

test('the city regulator uploads the import template, sees the rejected rows, then imports the valid ones', async () => {
  const { page, context } = await h.newPage();
  await passwordLogin(page, 'city.admin');
  await page.waitForURL(`${h.baseUrl}/`);
  // The template download needs a session: fetch it the way the browser's link would.
  const file = await page.request.get('/api/v1/imports/template');
  assert.equal(file.status(), 200);
  await page.getByRole('menuitem', { name: '数据导入' }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: 'template.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await file.body(),
  });
  await page.getByRole('button', { name: /开始导入/ }).click();
  // The example city "EX" lies outside 江城市: its row and everything hanging off it are rejected, nothing is written.
  await page.getByText('不在您的管辖或管理范围内').first().waitFor({ timeout: 30_000 });
  const company = () =>
    h.handle.db.selectFrom('companies').select('name').where('uscc', '=', '91340000MA0000001E').execute();
  assert.equal((await company()).length, 0);
  // "Import only the valid rows" re-runs the same file: the example company stands on its own and is imported.
  await page.getByRole('button', { name: '仅导入有效行' }).click();
  await page.getByTestId('import-counts').waitFor({ timeout: 30_000 });
  for (let i = 0; i < 50 && (await company()).length === 0; i++) await page.waitForTimeout(200);
  assert.deepEqual(await company(), [{ name: '示例物业服务有限公司' }]);
  await context.close();
});
