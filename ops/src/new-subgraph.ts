import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REGISTRY_FILE, REPO_ROOT, SUBGRAPHS_DIR, readRegistry } from '@rehab/shared-schema';
import { envNames, nameProblem, namesOf, nextPort, register, removeSubgraph, ScaffoldError, writeSubgraph } from './scaffold';

/**
 * npm run new:subgraph -- <name> [--vi "Tư pháp"] [--en "Justice"]
 *
 * Creates subgraphs/<name>/, adds its line to subgraphs/registry.json, generates its
 * resolver types, recomposes the supergraph and runs npm install so the lockfile knows the
 * new workspace. Changes nothing else. A step that fails undoes the folder and the line.
 */
function parseArguments(argv: readonly string[]): { name: string; vi: string | undefined; en: string | undefined } {
  const rest = [...argv];
  let name: string | undefined;
  let vi: string | undefined;
  let en: string | undefined;
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--vi') vi = rest.shift();
    else if (arg === '--en') en = rest.shift();
    else if (arg.startsWith('-')) throw new ScaffoldError(`Unknown option ${arg}`);
    else if (name === undefined) name = arg;
    else throw new ScaffoldError(`One name only (got ${name} and ${arg})`);
  }
  if (name === undefined)
    throw new ScaffoldError('Usage: npm run new:subgraph -- <name> [--vi "<agency in Vietnamese>"] [--en "<agency in English>"]');
  return { name, vi, en };
}

const COMPOSE = join(REPO_ROOT, 'shared-schema', 'dist', 'compose', 'cli.js');

function step(title: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new ScaffoldError(`${title} failed (exit ${result.status ?? result.signal})`);
}

function main(): void {
  const { name, vi, en } = parseArguments(process.argv.slice(2));
  const registered = readRegistry();
  const problem = nameProblem(name, registered);
  if (problem) throw new ScaffoldError(problem);
  const label = namesOf(name).pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  const entry = { name, port: nextPort(registered), agency: { vi: vi ?? label, en: en ?? label } };
  const dir = join(SUBGRAPHS_DIR, name);
  let composed = false;
  try {
    const files = writeSubgraph(dir, name);
    register(entry);
    console.log(`Created subgraphs/${name}/ (${files.length} files) and registered it (port ${entry.port}) in ${REGISTRY_FILE}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    step('Resolver types', npm, ['run', 'codegen'], { ...process.env, CODEGEN_ONLY: name });
    // A new process: it reads the registry with the new line.
    step('Supergraph', process.execPath, [COMPOSE]);
    composed = true;
    step('Workspace and lockfile', npm, ['install', '--no-audit', '--no-fund']);
    // The templates are written for reading; Prettier gives them the repository's format, which lint checks.
    step('Format', npm, ['exec', '--', 'prettier', '--write', `subgraphs/${name}`, 'subgraphs/registry.json']);
  } catch (error) {
    removeSubgraph(name, dir);
    if (composed) spawnSync(process.execPath, [COMPOSE], { cwd: REPO_ROOT, stdio: 'inherit' });
    throw error;
  }
  console.log(`
Subgraph ${name} is ready: subgraphs/${name}/ (schema.graphql, access-rules.json, src/).
Agency label: "${entry.agency.vi}" / "${entry.agency.en}" (edit its line in subgraphs/registry.json).
Environment: ${envNames(name).join(', ')}.
Next: npm run build:ts, npx jest subgraphs/${name} --maxWorkers=1, then npm start (see CONTRIBUTING.md).`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ScaffoldError ? error.message : error);
  process.exit(1);
}
