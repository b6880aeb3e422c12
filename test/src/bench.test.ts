import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@rehab/shared-schema';

/**
 * The benchmark harness (`npm run bench`) at the size of a test: the built script seeds, runs
 * every measurement and writes every figure, to a file of the test's own (`--out`) rather
 * than docs/benchmarks.md. The figures themselves are goals for a quiet machine, not checked
 * here; that each one is measured and written is.
 */
const run = promisify(execFile);
const BENCH = join(REPO_ROOT, 'ops', 'dist', 'bench.js');
const MS = String.raw`\d+(\.\d+)? ms`;

jest.setTimeout(600_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rehab-bench-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bench(file: string, ...args: string[]): Promise<string> {
  await run(process.execPath, [BENCH, ...args, '--out', file], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  return readFileSync(file, 'utf8');
}

it('measures and writes every figure of the single-process run, with the run, the machine and the load', async () => {
  const text = await bench(join(dir, 'single.md'), '--persons', '300');
  expect(text).toMatch(/^Run: .* UTC with `npm run bench -- --persons 300` at commit \S+\./m);
  expect(text).toMatch(/^Machine: \d+ × .*, \d+ GiB RAM/m);
  expect(text).toMatch(/^Load average \(1, 5, 15 min\) at the start: [\d.]+, [\d.]+, [\d.]+; at the end: /m);
  for (const row of [
    new RegExp(`Person-360 by identification number, sequential \\(300 requests\\) \\| p50 ${MS}, p95 ${MS}`),
    new RegExp(`100-person page .* \\| p50 ${MS}, p95 ${MS}`),
    /SQL statements per 100-person page, per subgraph \| police [\d.]+, labor-welfare [\d.]+, health [\d.]+, volunteers [\d.]+/,
    new RegExp(`name search, a common surname .* \\| p50 ${MS}, p95 ${MS}`),
    new RegExp(`every indicator of a ward .* \\| first ${MS}; then p50 ${MS}, p95 ${MS}`),
    new RegExp(`every indicator of the city .* \\| first ${MS}; then p50 ${MS}, p95 ${MS}`),
    /the cross-agency share over the city's 126 units of 2026: .* SQL statements per request: police [\d.]+/,
    /Person-360 with 8 concurrent clients \(800 requests\) \| \d+ requests\/s/,
  ])
    expect(text).toMatch(row);
});

it('runs the project gateway and Hive Gateway side by side and writes the ratio, the CPU per request and the critical path', async () => {
  const file = join(dir, 'compare.md');
  const text = await bench(file, '--compare', '--persons', '300', '--rounds', '1', '--seconds', '2', '--clients', '4');
  expect(text).toContain('<!-- bench --compare: start -->');
  expect(text).toContain('<!-- bench --compare: end -->');
  expect(text).toMatch(/with `npm run bench -- --compare --persons 300 --rounds 1 --seconds 2 --clients 4` at commit/);
  // One round: each gateway's throughput, percentiles and the CPU of gateway and subgraphs from /proc, none failed.
  const round =
    /^\| 1 \| ([\d.]+) req\/s, p50 \d+ ms, p95 \d+ ms, gateway ([\d.]+) \+ subgraphs ([\d.]+) ms CPU\/request \| [\d.]+ req\/s, p50 \d+ ms, p95 \d+ ms, gateway [\d.]+ \+ subgraphs [\d.]+ ms CPU\/request \| [\d.]+× \|$/m.exec(
      text,
    );
  expect(round).not.toBeNull();
  expect(Number(round?.[1])).toBeGreaterThan(0);
  expect(Number(round?.[3])).toBeGreaterThan(0);
  expect(text).toMatch(/^\| all rounds \| [\d.]+ req\/s \| [\d.]+ req\/s \| [\d.]+× \|$/m);
  expect(text).toMatch(/project gateway p50 \/ direct p50 = [\d.]+×, Hive [\d.]+×\./);
  // A second run replaces its section in the file rather than adding another.
  const again = await bench(file, '--compare', '--persons', '300', '--rounds', '1', '--seconds', '2', '--clients', '4');
  expect(again.split('<!-- bench --compare: start -->')).toHaveLength(2);
});

it('refuses --out without a file name before it measures anything', async () => {
  await expect(run(process.execPath, [BENCH, '--persons', '300', '--out'], { cwd: REPO_ROOT })).rejects.toMatchObject({
    stderr: expect.stringContaining('--out needs a file name') as unknown,
  });
});
