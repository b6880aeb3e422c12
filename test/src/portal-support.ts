import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { InProcessSystem } from '@rehab/ops';
import { testDatabaseEnv } from '@rehab/server-kit';
import {
  REPO_ROOT,
  SUPERGRAPH_FILE,
  foldVietnamese,
  unitAt,
  unitByCode,
  type AdministrativeUnitRecord,
} from '@rehab/shared-schema';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedIdentity,
  startGateway,
  type FetcherOptions,
  type RunningGateway,
} from '@rehab/gateway';
import { InProcessSystem as System } from '@rehab/ops';
import { launchBrowser } from './browser';
import { PERSONS } from './fixtures';

/** The built portal (web/dist) in real headless Chromium against the real gateway: one system and one browser per file. */
export const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const TABLET = { width: 820, height: 1180 };

export interface Portal {
  /** Officers may run only the portal's registered operations here: the portal works through them alone. */
  system: InProcessSystem;
  /**
   * The same system through a second gateway without that restriction, for a test's own
   * API calls as an officer (setting up a case, checking what the portal saved).
   */
  api: InProcessSystem;
  browser: Browser;
  apiGateway: RunningGateway;
}

export async function startPortal(options: { gatewayFetch?: Partial<FetcherOptions> } = {}): Promise<Portal> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const system = await System.start({
    ...options,
    env: testDatabaseEnv(),
    persons: PERSONS,
    dropOnStop: true,
    webDir: join(REPO_ROOT, 'web', 'dist'),
    trustedDocuments: 'enforce',
  });
  const apiGateway = await startGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: null,
      log: () => undefined,
      trustedDocuments: { mode: 'off', manifestPath: null },
    },
    { port: 0 },
  );
  // The system's own helpers (login, graphql), aimed at the unrestricted gateway.
  const api = Object.create(system, { url: { value: apiGateway.url } }) as InProcessSystem;
  const browser = await launchBrowser();
  return { system, api, apiGateway, browser };
}

export async function stopPortal(portal: Portal | undefined): Promise<void> {
  await portal?.browser.close();
  await portal?.apiGateway.stop();
  await portal?.system.stop();
}

/** A browser test file's portal, started once for the file, and the page of the test running. */
export interface PortalSuite {
  readonly portal: Portal;
  /** Opens the test's page (closed after the test, which then fails on any console or page error). */
  open(viewport?: { width: number; height: number }): Promise<Page>;
}

/** Starts the portal before the file's tests and stops it after; checks and closes each test's page. */
export function portalSuite(options: Parameters<typeof startPortal>[0] = {}): PortalSuite {
  let portal: Portal | undefined;
  let current: { page: Page; problems: string[] } | undefined;
  beforeAll(async () => {
    portal = await startPortal(options);
  });
  afterAll(async () => {
    await stopPortal(portal);
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    if (!opened) return;
    await opened.page.close();
    expect(opened.problems).toEqual([]);
  });
  const started = (): Portal => {
    if (!portal) throw new Error('the portal has not started');
    return portal;
  };
  return {
    get portal() {
      return started();
    },
    async open(viewport) {
      current = await openPage(started(), viewport);
      return current.page;
    },
  };
}

/** A page that records every console error and uncaught page error (each test asserts there are none). */
export async function openPage(portal: Portal, viewport = DESKTOP): Promise<{ page: Page; problems: string[] }> {
  const page = await portal.browser.newPage({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // The portal sends its registered operations by id alone; only the analysts' GraphiQL sends a text.
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST' || page.url().includes('#/analyst')) return;
    const body = request.postDataJSON() as {
      operationName?: string;
      query?: string;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
    } | null;
    if (body?.query !== undefined || !body?.extensions?.persistedQuery?.sha256Hash) {
      problems.push(`sent an operation not by its registered id: ${body?.operationName ?? JSON.stringify(body).slice(0, 80)}`);
    }
  });
  return { page, problems };
}

export async function logIn(page: Page, portal: Portal, username: string): Promise<void> {
  if (!page.url().startsWith(portal.system.url)) await page.goto(portal.system.url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Name search ignores diacritics: "Lê Quang Nghĩa" → "le quang nghia". */
export function withoutDiacritics(name: string): string {
  return foldVietnamese(name);
}

/** Searches by name (typed without diacritics) and opens the person's Person-360, every panel loaded. */
export async function openPersonByName(page: Page, fullName: string): Promise<void> {
  await page.getByRole('link', { name: 'Tìm kiếm', exact: true }).click();
  await page.getByLabel('Họ và tên').fill(withoutDiacritics(fullName));
  await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
  await page.getByTestId('search-results').getByRole('link', { name: fullName }).click();
  await page.getByTestId('panel-police').getByText(fullName).first().waitFor();
  // Each agency's panel loads on its own: wait until none is still loading.
  await page.locator('.person360 [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/**
 * Opens a person's record from a link (a worklist row, a notice), as roles without a person
 * search reach it, and waits until every agency's panel has loaded.
 */
export async function openPersonById(page: Page, portal: Portal, person: { id: string; fullName: string }): Promise<void> {
  await page.goto(`${portal.system.url}#/person/${person.id}`);
  await page.getByTestId('panel-police').getByText(person.fullName).first().waitFor();
  await page.locator('.person360 [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/** A date in Hà Nội (the pages run in Asia/Ho_Chi_Minh, as the servers judge "today"). */
export function isoDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

/** An ISO date as the portal writes it (dd/mm/yyyy). */
export const dmy = (iso: string): string => iso.split('-').reverse().join('/');

/** A test's own API call as an officer (through the unrestricted gateway); its errors fail the test. */
export async function apiCall<T>(
  portal: Portal,
  username: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await portal.api.graphql<T>(await portal.api.login(username), query, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const INDICATOR = `query($plan: ID!, $unit: ID!, $year: Int!, $code: ID!) { indicators(plan: $plan, unit: $unit,
  period: { kind: YEAR, year: $year }, indicatorCodes: [$code]) { actual } }`;

/** An indicator's actual for a unit this year (against this year's plan), as `username` reads it. */
export async function indicatorActual(portal: Portal, username: string, code: string, unit: string): Promise<number> {
  const year = Number(isoDate(0).slice(0, 4));
  const { plans } = await apiCall<{ plans: { id: string }[] }>(portal, username, 'query($y: Int) { plans(year: $y) { id } }', {
    y: year,
  });
  const plan = plans[0]?.id;
  if (!plan) throw new Error(`no plan of ${String(year)}`);
  const { indicators } = await apiCall<{ indicators: { actual: number | null }[] }>(portal, username, INDICATOR, {
    plan,
    unit,
    year,
    code,
  });
  return indicators[0]?.actual ?? Number.NaN;
}

/** The page is no wider than the viewport (nothing to scroll sideways). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** Runs an expression in the page (a string: the test project has no DOM typings). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

/** The portal's session as kept in sessionStorage, or null. */
export async function storedSession(page: Page): Promise<StoredSession | null> {
  const raw = await inPage<string | null>(page, "sessionStorage.getItem('rehab.session')");
  return raw === null ? null : (JSON.parse(raw) as StoredSession);
}

/** The unit of a demo account as it is today (its latest version for an account of an ended unit, e.g. a district). */
export function accountUnit(username: string): AdministrativeUnitRecord {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  const unit = unitAt(account.unitCode) ?? unitByCode(account.unitCode);
  if (!unit) throw new Error(`no unit ${account.unitCode} for ${username}`);
  return unit;
}

/**
 * Adds an officer account of a commune that has no demo account (the commune of a person the test
 * follows), and returns its username. The password is the demo accounts' one.
 */
export async function addCommuneAccount(
  portal: Portal,
  role: 'police_officer' | 'commune_official',
  unitCode: string,
): Promise<string> {
  const username = `${role === 'police_officer' ? 'congan' : 'ubnd'}.test${unitCode}`;
  await seedIdentity(portal.system.dbs.identity, [
    {
      username,
      displayName: role === 'police_officer' ? 'Trưởng Công an xã (kiểm thử)' : 'Chủ tịch UBND xã (kiểm thử)',
      agency: role === 'police_officer' ? 'police' : 'commune',
      role,
      unitCode,
    },
  ]);
  return username;
}
