import { chromium, type Browser } from 'playwright-core';

/*
 * Headless Chromium for the browser tests, from @sparticuz/chromium (a self-contained
 * Linux x64 build with its own fonts; no system browser or `playwright install` needed).
 *
 * @sparticuz/chromium is "type": "module". It does ship a CommonJS build under the
 * `require` condition, but its `exports` map lists the ESM typings first, so TypeScript
 * rejects a static import from CommonJS (TS1479). Hence the dynamic import():
 *  - tsc (module node16, CommonJS output) keeps it as a real import() -> ESM build;
 *  - @swc/jest rewrites it to require() -> CommonJS build (`module.exports = Chromium`),
 *    wrapped by the interop helper so that `.default` is the class either way.
 */
/** The part of @sparticuz/chromium's default export (a class with static members) used here. */
interface ChromiumBinary {
  readonly args: string[];
  executablePath(input?: string): Promise<string>;
}

function isChromiumBinary(value: unknown): value is ChromiumBinary {
  return typeof value === 'function' && 'executablePath' in value && 'args' in value;
}

let binary: Promise<ChromiumBinary> | undefined;

function loadChromiumBinary(): Promise<ChromiumBinary> {
  binary ??= import('@sparticuz/chromium').then((loaded: unknown) => {
    // ESM namespace or interop wrapper: { default: Chromium }; a bare require(): Chromium.
    const candidate: unknown =
      typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
    // A double wrapper ({ default: { default: Chromium } }) comes from some interop paths.
    const unwrapped: unknown =
      typeof candidate === 'object' && candidate !== null && 'default' in candidate ? candidate.default : candidate;
    if (!isChromiumBinary(unwrapped)) throw new Error('@sparticuz/chromium: unexpected module shape');
    return unwrapped;
  });
  return binary;
}

let executablePath: Promise<string> | undefined;

/**
 * Path of the Chromium binary: BROWSER_EXECUTABLE_PATH when set (e.g. a local Chrome on a
 * developer machine), otherwise @sparticuz/chromium's, inflated once to $TMPDIR/chromium.
 */
function resolveExecutablePath(chromiumBinary: ChromiumBinary): Promise<string> {
  const override = process.env.BROWSER_EXECUTABLE_PATH;
  if (override) return Promise.resolve(override);
  executablePath ??= chromiumBinary.executablePath();
  return executablePath;
}

/** Launches headless Chromium through playwright-core. Close it with `browser.close()`. */
export async function launchBrowser(): Promise<Browser> {
  const chromiumBinary = await loadChromiumBinary();
  const args = [...new Set([...chromiumBinary.args, '--no-sandbox'])];
  return chromium.launch({
    executablePath: await resolveExecutablePath(chromiumBinary),
    args,
    headless: true,
  });
}
