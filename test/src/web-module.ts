import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Loads one of the portal's pure modules (an ES module package jest does not run) as
 * CommonJS: its relative imports transpiled the same way, packages from node_modules.
 */
export function loadWebModule<T>(path: string, cache = new Map<string, unknown>()): T {
  const file = resolve(path.endsWith('.ts') ? path : `${path}.ts`);
  const cached = cache.get(file);
  if (cached) return cached as T;
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} as Record<string, unknown> };
  cache.set(file, module.exports);
  const packages = createRequire(file);
  const requireFrom = (name: string): unknown =>
    name.startsWith('.') ? loadWebModule(resolve(dirname(file), name), cache) : packages(name);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the module's own transpiled text
  const run = new Function('exports', 'require', 'module', outputText) as (
    exports: Record<string, unknown>,
    require: (name: string) => unknown,
    module: { exports: Record<string, unknown> },
  ) => void;
  run(module.exports, requireFrom, module);
  return module.exports as T;
}
