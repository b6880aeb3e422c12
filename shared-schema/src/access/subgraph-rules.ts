import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS_DIR, type SubgraphName } from '../registry';
import type { AccessMatrix, FieldRule } from './matrix';
import { isRole, type Role } from './roles';

/**
 * A subgraph may keep its access rules in its own folder: subgraphs/<name>/access-rules.json.
 *
 *   {
 *     "owner": "<name>",
 *     "fields": { "Person.legalAidCases": { "read": ["court_clerk", "supervisor"], "sensitive": true }, … },
 *     "mutations": { "recordLegalAidCase": { "write": ["court_clerk"] } }
 *   }
 *
 * `fields` are the fields the subgraph serves (Type.field, its Query fields included):
 * who reads them and whether a read is sensitive (audited with the person it concerns).
 * `mutations` are its Mutation fields: who may call them.
 */
export const ACCESS_RULES_FILE = 'access-rules.json';

export class AccessRulesError extends Error {}

const COORDINATE = /^[A-Z_][A-Za-z0-9_]*\.[_A-Za-z][A-Za-z0-9_]*$/;
const FIELD = /^[_A-Za-z][A-Za-z0-9_]*$/;

function roles(value: unknown, where: string): readonly Role[] {
  if (!Array.isArray(value) || value.some((r) => typeof r !== 'string' || !isRole(r))) {
    throw new AccessRulesError(`${where}: must be a list of roles`);
  }
  return value as Role[];
}

const asObject = (value: unknown): Record<string, unknown> =>
  (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;

/** Parses and checks one subgraph's access-rules.json into matrix entries owned by that subgraph. */
export function parseSubgraphAccessRules(
  name: SubgraphName,
  text: string,
  file = `subgraphs/${name}/${ACCESS_RULES_FILE}`,
): Record<string, FieldRule> {
  let raw: Record<string, unknown>;
  try {
    raw = asObject(JSON.parse(text));
  } catch (error) {
    throw new AccessRulesError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (raw.owner !== name) throw new AccessRulesError(`${file}: "owner" must be "${name}"`);
  const out: Record<string, FieldRule> = {};
  for (const [coordinate, value] of Object.entries(asObject(raw.fields))) {
    if (!COORDINATE.test(coordinate) || coordinate.startsWith('Mutation.')) {
      throw new AccessRulesError(`${file}: "${coordinate}" in "fields" must be Type.field (mutations go in "mutations")`);
    }
    const rule = asObject(value);
    if (rule.sensitive !== undefined && typeof rule.sensitive !== 'boolean')
      throw new AccessRulesError(`${file}: ${coordinate}.sensitive must be true or false`);
    out[coordinate] = {
      owner: name,
      read: roles(rule.read, `${file}: ${coordinate}.read`),
      ...(rule.sensitive ? { sensitive: true } : {}),
    };
  }
  for (const [mutation, value] of Object.entries(asObject(raw.mutations))) {
    if (!FIELD.test(mutation)) throw new AccessRulesError(`${file}: "${mutation}" in "mutations" must be a field name`);
    out[`Mutation.${mutation}`] = { owner: name, read: roles(asObject(value).write, `${file}: ${mutation}.write`) };
  }
  return out;
}

/** The rules in subgraphs/<name>/access-rules.json, or none when the subgraph keeps its rules elsewhere. */
export function loadSubgraphAccessRules(name: SubgraphName, dir = join(SUBGRAPHS_DIR, name)): Record<string, FieldRule> {
  const file = join(dir, ACCESS_RULES_FILE);
  return existsSync(file) ? parseSubgraphAccessRules(name, readFileSync(file, 'utf8'), file) : {};
}

/** Several rule sets as one matrix; a field given a rule twice is an error, not a silent override. */
export function mergeAccessRules(...sets: readonly Readonly<Record<string, FieldRule>>[]): AccessMatrix {
  const out: Record<string, FieldRule> = {};
  for (const set of sets) {
    for (const [coordinate, rule] of Object.entries(set)) {
      if (out[coordinate])
        throw new AccessRulesError(`${coordinate} has two access rules (owners ${out[coordinate].owner} and ${rule.owner})`);
      out[coordinate] = rule;
    }
  }
  return out;
}
