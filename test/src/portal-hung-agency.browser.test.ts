import { createServer, type Server, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { DEFAULT_BREAKER_FAILURES, DEFAULT_READ_TIMEOUT_MS } from '@rehab/gateway';
import { personAt } from './fixtures';
import { logIn, portalSuite, shot, withoutDiacritics } from './portal-support';

/**
 * One agency hung (it accepts connections and never answers): the other agencies' panels
 * still come at once, the hung agency's panel and the timeline say what is missing, and
 * after three unanswered reads the gateway's circuit to it opens, so reads fail at once
 * without waiting on it.
 */
// The gateway as deployed: the short read timeout and the circuit breaker (the suite's default turns them off).
const suite = portalSuite({
  gatewayFetch: { readTimeoutMs: DEFAULT_READ_TIMEOUT_MS, breakerFailures: DEFAULT_BREAKER_FAILURES },
});
let page: Page;
let hung: Server | undefined;
/** Requests the hung "health subgraph" received (request lines arrived on its connections). */
let requestsToHung = 0;
const sockets = new Set<Socket>();

/** Stops the health subgraph and listens on its port in its place, accepting and never answering. */
async function hangHealth(): Promise<void> {
  const port = Number(new URL(suite.portal.system.subgraphs.get('health')?.url ?? '').port);
  await suite.portal.system.stopSubgraph('health');
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (requestsToHung += (chunk.toString('latin1').match(/^POST \/graphql /gm) ?? []).length));
    socket.on('close', () => sockets.delete(socket));
  });
  hung = server;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => (hung ? hung.close(resolve) : resolve(undefined)));
});

/**
 * How long a page may take: the target on a machine that shows the patient with every agency
 * answering in under half of it, else twice that page's time on this machine as loaded now
 * (a test machine running other suites is several times slower than an officer's computer).
 */
const within = (target: number, everyAgencyAnswering: number): number => Math.max(target, 2 * everyAgencyAnswering);

const patient = personAt('SUBSTITUTION');
const ms = (from: number): number => Date.now() - from;

async function searchPatient(): Promise<void> {
  await page.getByRole('link', { name: 'Tìm kiếm', exact: true }).click();
  await page.getByLabel('Họ và tên').fill(withoutDiacritics(patient.fullName));
  await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
}

/** Opens the patient from the search results; the time until the panels (by default police, labour and volunteers) have their data. */
async function openPatient(panels = ['panel-police', 'panel-labor', 'panel-volunteers']): Promise<number> {
  await searchPatient();
  const started = Date.now();
  await page.getByTestId('search-results').getByRole('link', { name: patient.fullName }).click();
  for (const panel of panels) {
    await page.locator(`[data-testid="${panel}"][aria-busy="false"]`).waitFor();
  }
  return ms(started);
}

async function circuitMetric(): Promise<string | undefined> {
  const text = await (await fetch(new URL('metrics', suite.portal.system.url))).text();
  return text.split('\n').find((line) => line.startsWith('rehab_subgraph_circuit_open') && line.includes('subgraph="health"'));
}

/** Health's entry in the gateway's /ready subgraphs check, polled until it says `want` (answers are cached ~1.5 s). */
async function readyHealth(want: string): Promise<unknown> {
  let health: unknown;
  for (let i = 0; i < 20 && health !== want; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    const body = (await (await fetch(new URL('ready', suite.portal.system.url))).json()) as {
      checks?: { subgraphs?: Record<string, unknown> | string };
    };
    const subgraphs = body.checks?.subgraphs;
    health = typeof subgraphs === 'object' ? subgraphs.health : subgraphs;
  }
  return health;
}

describe('an agency that does not answer', () => {
  it('delays and blanks only its own panel; the timeline names it; its circuit then opens', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'giamsat.hanoi');
    // First with every agency answering, for this machine's pace.
    const everyAgency = await openPatient(['panel-police', 'panel-labor', 'panel-health', 'panel-volunteers']);
    await hangHealth();

    const shownIn = await openPatient();
    // The other agencies' panels are there while health still waits.
    expect(shownIn).toBeLessThan(within(2_000, everyAgency));
    expect(await page.getByTestId('panel-health').getAttribute('aria-busy')).toBe('true');
    expect(await page.getByTestId('timeline-loading-agencies').textContent()).toContain('Y tế');
    expect(await page.getByTestId('panel-police').textContent()).toContain(patient.fullName);
    await shot(page, 'hung-agency-others-shown');

    // After the read timeout health's panel says so, and the timeline says its events are missing.
    const health = page.getByTestId('panel-health');
    await health.getByText('Dữ liệu Y tế tạm thời không khả dụng').waitFor();
    expect(await page.getByTestId('timeline-missing-agencies').textContent()).toContain('Y tế');
    await shot(page, 'hung-agency-missing');
    expect(requestsToHung).toBeGreaterThan(0);

    // Two more unanswered reads open the circuit.
    for (let i = 0; i < 2; i++) {
      await openPatient();
      await health.getByText('Dữ liệu Y tế tạm thời không khả dụng').waitFor();
    }
    expect(await circuitMetric()).toMatch(/ 1$/);
    // /ready names it without asking it (its own /ready would time out).
    expect(await readyHealth('circuit-open')).toBe('circuit-open');

    // Open: health's panel says it at once, and nothing more is sent to the agency.
    const sentBefore = requestsToHung;
    await openPatient();
    await health.getByText('Dữ liệu Y tế tạm thời không khả dụng').waitFor({ timeout: within(1_500, everyAgency) });
    expect(requestsToHung).toBe(sentBefore);
    // Its panel gives the request id to report; in English too, with the timeline's notice.
    const requestId = health.getByText(/^Mã yêu cầu \(báo cho bộ phận kỹ thuật\): [0-9a-f-]{36}$/);
    await requestId.waitFor();
    const id = (await requestId.textContent())?.split(': ')[1] ?? '';
    await page.getByRole('button', { name: /English/ }).click();
    await health.getByText('Health data is temporarily unavailable').waitFor();
    await health.getByText(`Request id (give it to technical support): ${id}`).waitFor();
    expect(await page.getByTestId('timeline-missing-agencies').textContent()).toContain('Events missing from: Health');
    await shot(page, 'hung-agency-open-circuit-en');
  });
});
