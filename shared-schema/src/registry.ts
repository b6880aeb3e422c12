import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The registry of subgraphs: subgraphs/registry.json, one line per subgraph. Everything
 * that needs the list of subgraphs (workspaces, codegen, build, tests, start, seed,
 * composition, database owners, gateway labels, ports, deployment) derives it from there.
 */

/** Repository root, from shared-schema/src or shared-schema/dist. */
export const REPO_ROOT = join(__dirname, '..', '..');
export const SUBGRAPHS_DIR = join(REPO_ROOT, 'subgraphs');
export const REGISTRY_FILE = join(SUBGRAPHS_DIR, 'registry.json');

/** A subgraph's name: its folder, its package @rehab/<name>, its database rehab_<name>. */
export type SubgraphName = string;

export interface SubgraphRegistryEntry {
  name: SubgraphName;
  /** Default port (overridden by <NAME>_PORT). */
  port: number;
  /** The agency whose data it holds, as officers read it in messages. */
  agency: { vi: string; en: string };
}

/**
 * Lower-case words joined by single dashes, each starting with a letter: police, labor-welfare
 * (so its GraphQL names, e.g. laborWelfareAccessLog, and its environment prefix are valid).
 */
export const SUBGRAPH_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** A subgraph's name as the prefix of the fields the shared kit adds to it: labor-welfare → laborWelfare. */
export function subgraphFieldPrefix(subgraph: SubgraphName): string {
  return subgraph.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export class RegistryError extends Error {}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Parses and checks the registry's text: names well formed and unique, ports unique. */
export function parseRegistry(text: string, file = REGISTRY_FILE): SubgraphRegistryEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(raw)) throw new RegistryError(`${file} must be a JSON array of subgraphs`);
  const names = new Set<string>();
  const ports = new Set<number>();
  return raw.map((item: unknown, index) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const agency = (typeof entry.agency === 'object' && entry.agency !== null ? entry.agency : {}) as Record<string, unknown>;
    const where = `${file}, entry ${index + 1}`;
    if (typeof entry.name !== 'string' || !SUBGRAPH_NAME_PATTERN.test(entry.name)) {
      throw new RegistryError(`${where}: "name" must match ${SUBGRAPH_NAME_PATTERN}`);
    }
    if (typeof entry.port !== 'number' || !Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) {
      throw new RegistryError(`${where} (${entry.name}): "port" must be a port number`);
    }
    if (!isText(agency.vi) || !isText(agency.en))
      throw new RegistryError(`${where} (${entry.name}): "agency" needs "vi" and "en"`);
    if (names.has(entry.name)) throw new RegistryError(`${where}: ${entry.name} is registered twice`);
    if (ports.has(entry.port)) throw new RegistryError(`${where} (${entry.name}): port ${entry.port} is taken`);
    names.add(entry.name);
    ports.add(entry.port);
    return { name: entry.name, port: entry.port, agency: { vi: agency.vi, en: agency.en } };
  });
}

/** The registry file as one line per subgraph (what new:subgraph writes). */
export function formatRegistry(entries: readonly SubgraphRegistryEntry[]): string {
  const lines = entries.map(
    (e) =>
      `  { "name": ${JSON.stringify(e.name)}, "port": ${e.port}, "agency": { "vi": ${JSON.stringify(e.agency.vi)}, "en": ${JSON.stringify(e.agency.en)} } }`,
  );
  return `[\n${lines.join(',\n')}\n]\n`;
}

export function readRegistry(file = REGISTRY_FILE): SubgraphRegistryEntry[] {
  return parseRegistry(readFileSync(file, 'utf8'), file);
}

/** The registered subgraphs, in registry order. */
export const SUBGRAPH_REGISTRY: readonly SubgraphRegistryEntry[] = readRegistry();

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPH_REGISTRY.map((e) => e.name);

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = Object.fromEntries(
  SUBGRAPH_REGISTRY.map((e) => [e.name, e.port]),
);

export function isRegisteredSubgraph(value: unknown): value is SubgraphName {
  return typeof value === 'string' && SUBGRAPH_NAMES.includes(value);
}

/** The agency label of a subgraph (its name when it is not registered, e.g. a scaffolded throwaway). */
export function subgraphAgencyLabel(name: SubgraphName): { vi: string; en: string } {
  return SUBGRAPH_REGISTRY.find((e) => e.name === name)?.agency ?? { vi: name, en: name };
}

/** Environment variable naming a subgraph's URL, e.g. POLICE_URL, LABOR_WELFARE_URL. */
export function subgraphEnvPrefix(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * Folders under subgraphs/ that hold a subgraph. Folders whose name starts with a dot are
 * not subgraphs (scratch space, e.g. the throwaway subgraph a test scaffolds there).
 */
export function subgraphFolders(dir = SUBGRAPHS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isDirectory())
    .sort();
}

/**
 * What is wrong between the registry and the folders: a folder not registered, a
 * registered subgraph without its folder or schema. Empty when they agree.
 */
export function registryProblems(entries: readonly SubgraphRegistryEntry[] = SUBGRAPH_REGISTRY, dir = SUBGRAPHS_DIR): string[] {
  const registered = new Set(entries.map((e) => e.name));
  const folders = subgraphFolders(dir);
  const problems: string[] = [];
  for (const folder of folders) {
    if (!registered.has(folder)) {
      problems.push(`subgraphs/${folder}/ is not registered: add its line to subgraphs/registry.json (or remove the folder)`);
    }
  }
  for (const entry of entries) {
    if (!folders.includes(entry.name)) {
      problems.push(`${entry.name} is registered in subgraphs/registry.json but subgraphs/${entry.name}/ is missing`);
    } else if (!existsSync(join(dir, entry.name, 'schema.graphql'))) {
      problems.push(`subgraphs/${entry.name}/schema.graphql is missing`);
    }
  }
  return problems;
}
