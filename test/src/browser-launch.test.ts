import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowserExecutable, launchBrowser } from './browser';

/**
 * launchBrowser tries again when Chromium dies while starting. The browser here is a script that
 * notes each start and kills itself with SIGSEGV for its first `crashes` starts, then runs the
 * real Chromium.
 */
describe('launchBrowser', () => {
  let dir: string;
  let realChromium: string;
  const previous = process.env.BROWSER_EXECUTABLE_PATH;

  beforeAll(async () => {
    realChromium = await ensureBrowserExecutable();
    dir = mkdtempSync(join(tmpdir(), 'browser-launch-'));
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.BROWSER_EXECUTABLE_PATH;
    else process.env.BROWSER_EXECUTABLE_PATH = previous;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function crashingBrowser(name: string, crashes: number): { starts: () => number } {
    const log = join(dir, `${name}.starts`);
    const script = join(dir, name);
    writeFileSync(log, '');
    writeFileSync(
      script,
      [
        '#!/usr/bin/env bash',
        `echo start >> '${log}'`,
        `if [ "$(wc -l < '${log}')" -le ${crashes} ]; then kill -SEGV $$; fi`,
        `exec '${realChromium}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(script, 0o755);
    process.env.BROWSER_EXECUTABLE_PATH = script;
    return { starts: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length };
  }

  it('starts Chromium after two starts that died of SIGSEGV', async () => {
    const browser = crashingBrowser('twice', 2);
    const launched = await launchBrowser();
    try {
      expect(launched.isConnected()).toBe(true);
      const page = await launched.newPage();
      await page.setContent('<p>xin chào</p>');
      expect(await page.textContent('p')).toBe('xin chào');
    } finally {
      await launched.close();
    }
    expect(browser.starts()).toBe(3);
  });

  it('gives up after three starts that died, with the launch error', async () => {
    const browser = crashingBrowser('always', 100);
    await expect(launchBrowser()).rejects.toThrow(/browserType\.launch/);
    expect(browser.starts()).toBe(3);
  });
});
