import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from './harness.ts';

/** What the voting and committee browser tests share: dates, waiting on the clock, the forms, API shortcuts. */

export const SHOTS = path.resolve(import.meta.dirname, '../.tmp');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A scan as the server sniffs it (it reads the first bytes only): enough for a paper ballot's record. */
export const SCAN_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** antd puts a space between the two characters of a two-character button: 公示 reads "公 示". */
export const button = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
/**
 * A button's name matched at its end only: antd may leave the spinner's "loading" label in a button while the
 * icon's leave animation is pending, so a dialog's 确定 clicked a second time is "loading 确 定" for a moment.
 */
export const buttonEnding = (text: string) => new RegExp(`${[...text].join('\\s*')}$`);

/** What the DatePicker takes: local time in Asia/Shanghai (the browser's zone in the harness). */
const shanghai = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });

export async function pickDate(page: Page, testId: string, ms: number) {
  const input = page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`);
  await input.click();
  await input.fill(shanghai(ms));
  await input.press('Enter');
}

/** Reloads until `ready` is true: voting opens and ends by the clock, not by a push. */
export async function reloadUntil(page: Page, ready: () => Promise<boolean>, ms = 90_000) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    assert.ok(Date.now() < end, 'timed out waiting for the voting window');
    await sleep(1_000);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}

/**
 * Picks an option of an antd Select by its text, in the dropdown that is open: a closed one stays in the page
 * (hidden) with the same options, and one still fading out could take the click. `typed` is typed first, for lists
 * longer than the dropdown (it renders only the options in view) or searched by the server.
 */
export async function choose(
  page: Page,
  select: ReturnType<Page['getByTestId']>,
  option: string | RegExp,
  typed?: string,
) {
  await dropdownsClosed(page);
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const item = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: option }).first();
  await item.click();
  // Under load a click can land while the list re-renders and select nothing: the dropdown then stays open, and a
  // person would click again. (A multiple select stays open by design.)
  const multiple = await select.evaluate(
    (el) => !!el.closest('.ant-select-multiple') || !!el.querySelector('.ant-select-multiple'),
  );
  for (let attempt = 1; !multiple; attempt++) {
    const closed = await dropdownsClosed(page, 3_000).then(
      () => true,
      () => false,
    );
    if (closed || attempt === 3) return;
    console.error(`[choose] "${option}" was not taken; clicking it again`);
    await item.click();
  }
}

const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
/** Waits until no Select dropdown is open (or still fading out). */
export const dropdownsClosed = (page: Page, timeout?: number) =>
  openDropdown(page).first().waitFor({ state: 'detached', timeout });

/**
 * 议事规则 page: sets the notice period to `days` so a test's vote can open within seconds (the default 15 days
 * is the floor the server holds every new matter to).
 */
export async function setNoticeDays(page: Page, days: number) {
  await page.getByRole('menuitem', { name: '议事规则' }).click();
  await page.waitForURL(/\/voting\/rules/);
  const form = page.getByTestId('rules-form');
  await form.getByLabel('公告期').fill(String(days));
  await form.getByRole('button', { name: '保存议事规则' }).click();
  await page.getByText('议事规则已保存').waitFor();
}

/** Owners of JC-001 (the demo estate with a committee) in register order: label "1号楼 101", name, person. */
export async function estateOwners(h: Harness, n: number) {
  const rows = await h.handle.db
    .selectFrom('units')
    .innerJoin('estates', 'estates.id', 'units.estate_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('unit_owners', (j) =>
      j.onRef('unit_owners.unit_id', '=', 'units.id').on('unit_owners.is_representative', '=', true),
    )
    .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
    .select(['buildings.name as building', 'units.number', 'persons.name', 'persons.id'])
    .where('estates.code', '=', 'JC-001')
    .where('units.use', '=', 'residence')
    .orderBy('buildings.name')
    .orderBy('units.floor')
    .orderBy('units.number')
    .limit(50)
    .execute();
  const seen = new Set<string>();
  const owners = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ label: `${r.building} ${r.number}`, name: r.name, personId: r.id }));
  return owners.slice(0, n);
}

/**
 * Fills 发起表决 and creates a draft. The window is given from now, when the dates are typed: the notice period
 * is 0 days so voting can open a few seconds later, and the window is short so a test can wait it out.
 */
export async function draftMatter(
  page: Page,
  opts: {
    item: string;
    title: string;
    opensIn: number;
    closesIn: number;
    /** An election: 补选 of the committee in office instead of 换届选举. */
    byElection?: boolean;
    seats?: number;
    candidates?: string[];
    /** A screenshot of the form, filled but for the dates, under this name. */
    shot?: string;
  },
) {
  await page.getByRole('menuitem', { name: '业主表决' }).click();
  await page.waitForURL(/\/voting$/);
  await page.getByRole('button', { name: '发起表决' }).click();
  const form = page.getByTestId('new-matter-form');
  await form.getByTestId('estate-select').locator('.ant-select-content-has-value').waitFor();
  await form.getByTestId('item-select').click();
  await page.locator('.ant-select-item-option').filter({ hasText: opts.item }).click();
  await form.getByLabel('标题').fill(opts.title);
  await form.getByLabel('表决内容').fill(`${opts.title}。详见公告附件。`);
  // The rules' minimum arrives with the estate's rules and becomes the field's value.
  await form.getByText('议事规则规定至少 0 天').waitFor();
  if (opts.byElection) {
    await form.getByLabel('补选').check();
    await form.getByText('补选现任委员会', { exact: false }).waitFor();
  }
  if (opts.seats) await form.getByLabel('应选席位').fill(String(opts.seats));
  for (const unit of opts.candidates ?? []) {
    await form.getByRole('button', { name: '添加候选人' }).click();
    await form.getByPlaceholder('房屋，如 1号楼 101').last().fill(unit);
  }
  if (opts.shot) await page.screenshot({ path: path.join(SHOTS, opts.shot) });
  const now = Date.now();
  await pickDate(page, 'opens-at', now + opts.opensIn);
  await pickDate(page, 'closes-at', now + opts.closesIn);
  const created = page.waitForResponse((r) => r.url().endsWith('/voting/matters') && r.request().method() === 'POST');
  await page
    .locator('.ant-modal-container')
    .getByRole('button', { name: /^确\s*定$|^OK$/ })
    .click();
  // A refusal fails here with the server's reason rather than as a timeout further on.
  const res = await created;
  assert.equal(res.status(), 201, `发起表决 refused: ${await res.text()}`);
  await page.waitForURL(/\/voting\/[0-9a-f-]+$/);
  await page.getByTestId('vote-phase').getByText('草稿').waitFor();
  return page.url().split('/').pop() as string;
}

export async function announce(page: Page) {
  await page.getByRole('button', { name: button('公告') }).click();
  await page
    .getByTestId('vote-phase')
    .getByText(/已公告|投票中/)
    .waitFor();
}

/** The signed-in page's session, for set-up steps a person would do by hand many times (CSRF included). */
export async function apiOf(page: Page) {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const ok = async <T>(res: Awaited<ReturnType<Page['request']['get']>>, what: string): Promise<T> => {
    assert.ok(res.ok(), `${what}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: <T>(url: string) => page.request.get(url).then((r) => ok<T>(r, `GET ${url}`)),
    send: (method: 'POST' | 'PUT', url: string, data: unknown) =>
      page.request.fetch(url, { method, headers, data }).then((r) => ok<unknown>(r, `${method} ${url}`)),
    /** Uploads a ballot scan; `kind` must come before the file. */
    scan: (matterId: string, name: string) =>
      page.request
        .post(`/api/v1/voting/matters/${matterId}/files`, {
          headers,
          multipart: { kind: 'ballot_scan', file: { name, mimeType: 'application/pdf', buffer: SCAN_PDF } },
        })
        .then((r) => ok<{ id: string }>(r, `scan ${name}`)),
  };
}
