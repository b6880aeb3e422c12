import { chromium, type Browser } from 'playwright-core';

/*
 * Headless Chromium for the browser tests, from @sparticuz/chromium (a self-contained
 * Linux x64 build with its own fonts; no system browser or `playwright install` needed).
 *
 * @sparticuz/chromium is "type": "module" but also ships a CommonJS build under the
 * `require` export condition (`module.exports = Chromium`). It is loaded with require():
 *  - a static `import` is rejected by TypeScript here (TS1479: the package's `exports` map
 *    lists its ESM typings first, so TS sees an ES module imported from CommonJS);
 *  - a dynamic `import()` is left as is by the repo's swc config (`ignoreDynamic: true`)
 *    and then fails under jest without --experimental-vm-modules.
 */
/** The part of @sparticuz/chromium's default export (a class with static members) used here. */
interface ChromiumBinary {
  readonly args: string[];
  executablePath(input?: string): Promise<string>;
}

function isChromiumBinary(value: unknown): value is ChromiumBinary {
  return typeof value === 'function' && 'executablePath' in value && 'args' in value;
}

let binary: ChromiumBinary | undefined;

function loadChromiumBinary(): ChromiumBinary {
  if (binary) return binary;
  const loaded: unknown = require('@sparticuz/chromium');
  // The CommonJS build exports the class itself; accept an interop wrapper too.
  const candidate: unknown = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isChromiumBinary(candidate)) throw new Error('@sparticuz/chromium: unexpected module shape');
  binary = candidate;
  return binary;
}

let executablePath: Promise<string> | undefined;

/**
 * Path of the Chromium binary: BROWSER_EXECUTABLE_PATH when set (e.g. a local Chrome on a
 * developer machine), otherwise @sparticuz/chromium's, inflated on first use to
 * $TMPDIR/chromium (with its fonts). Call it once from jest's global setup so parallel
 * workers do not race to inflate the binary on a fresh machine.
 */
export function ensureBrowserExecutable(): Promise<string> {
  const override = process.env.BROWSER_EXECUTABLE_PATH;
  if (override) return Promise.resolve(override);
  executablePath ??= loadChromiumBinary().executablePath();
  return executablePath;
}

/**
 * Dropped from @sparticuz/chromium's recommended (AWS Lambda) flags: with --single-process,
 * closing a browser context kills the whole browser ("Target page, context or browser has
 * been closed"), and tests open and close a context per test.
 */
const UNWANTED_ARGS = new Set(['--single-process']);

/** Attempts at starting Chromium before a launch failure fails the test file. */
const LAUNCH_ATTEMPTS = 3;

/**
 * Launches headless Chromium through playwright-core. Close it with `browser.close()`.
 *
 * Chromium (SwiftShader, in-process GPU) now and then dies of SIGSEGV while starting on a busy
 * 2-core machine, before a page exists; a launch that fails is tried again, so a test file
 * fails only for what its tests assert. A browser that crashes after starting is not retried.
 */
export async function launchBrowser(): Promise<Browser> {
  const args = [...new Set([...loadChromiumBinary().args.filter((arg) => !UNWANTED_ARGS.has(arg)), '--no-sandbox'])];
  const executable = await ensureBrowserExecutable();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chromium.launch({ executablePath: executable, args, headless: true });
    } catch (error) {
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      process.stderr.write(`Chromium failed to start (attempt ${attempt} of ${LAUNCH_ATTEMPTS}): ${reason}\n`);
    }
  }
}
