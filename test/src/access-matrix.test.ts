/**
 * Tests generated from the access matrix: for every role and every sensitive field
 * (owner + `sensitive: true`), the field is read through the gateway by personal
 * identification number, through the `persons` list, nested in fragments under
 * `person(id)`, and by a forged `_entities` call sent straight to the owning subgraph
 * with a validly signed context for the role. Allowed roles get a value, denied roles a
 * FORBIDDEN error at the first field they may not read, and no value.
 *
 * Query paths come from the supergraph schema, so a new sensitive field is covered
 * without editing this file; the persons are the seeded ones that have data for it.
 * Each role logs in once, with its demo account, or with a test account of the same
 * role at the province when no seeded person in the demo account's unit has data for
 * every sensitive field (unit scope is tested elsewhere; here it only hides data).
 * Cases are batched: one aliased root per person where they cannot spoil each other.
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import type { GraphQLResponse, InProcessSystem } from '@rehab/ops';
import { PersonPseudonyms, seesPseudonyms, testCaller } from '@rehab/server-kit';
import {
  ACCESS_MATRIX,
  ROLES,
  SUBGRAPH_NAMES,
  SUPERGRAPH_FILE,
  canRead,
  unitByCode,
  type DemoPerson,
  type Role,
  type SubgraphName,
} from '@rehab/shared-schema';
import { DEMO_ACCOUNTS, seedIdentity, type DemoAccount } from '@rehab/gateway';
import { population, startTestSystem } from './fixtures';

const supergraph = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const PERSON = 'Person';
/** Aliased root fields per request: under the gateway's alias limit (15). */
const ALIASES_PER_REQUEST = 10;

interface Step {
  coordinate: string;
  field: string;
}

/** The leaf under an interface or union: no rule of its own. */
const TYPENAME: Step = { coordinate: '', field: '__typename' };
const readable = (role: Role, step: Step): boolean => step === TYPENAME || canRead(ACCESS_MATRIX, role, step.coordinate);

interface Target {
  coordinate: string;
  owner: SubgraphName;
  /** From Person to the sensitive field, then down to a leaf when the field is an object. */
  steps: Step[];
  /** steps[0..depth) reach the sensitive field itself. */
  depth: number;
}

function objectType(name: string): GraphQLObjectType {
  const type = supergraph.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type of the supergraph`);
  return type;
}

const readers = (coordinate: string): number => ACCESS_MATRIX[coordinate]?.read.length ?? -1;

/** A field a generated query can select: it has a rule and no required argument. */
const selectable = (typeName: string, field: GraphQLField<unknown, unknown>): boolean =>
  ACCESS_MATRIX[`${typeName}.${field.name}`] !== undefined && field.args.every((a) => !isRequiredArgument(a));

/** Shortest chain of fields from Person to the given type (breadth first over the supergraph). */
function pathFromPerson(typeName: string): Step[] | null {
  const queue: [string, Step[]][] = [[PERSON, []]];
  const seen = new Set([PERSON]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [name, steps] = next;
    if (name === typeName) return steps;
    for (const field of Object.values(objectType(name).getFields())) {
      const inner = getNamedType(field.type);
      const coordinate = `${name}.${field.name}`;
      if (!isObjectType(inner) || seen.has(inner.name) || !selectable(name, field)) continue;
      seen.add(inner.name);
      queue.push([inner.name, [...steps, { coordinate, field: field.name }]]);
    }
  }
  return null;
}

/**
 * Down to a leaf through the fields the most roles may read (so the leaf never hides the
 * field's own rule); `__typename` for an interface or union.
 */
function leafSteps(typeName: string): Step[] {
  if (!isObjectType(supergraph.getType(typeName))) return [TYPENAME];
  const fields = Object.values(objectType(typeName).getFields()).filter((f) => selectable(typeName, f));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const pool = leaves.length > 0 ? leaves : fields;
  const best = [...pool].sort((a, b) => readers(`${typeName}.${b.name}`) - readers(`${typeName}.${a.name}`))[0];
  if (!best) throw new Error(`${typeName} has no field with an access rule`);
  const step = { coordinate: `${typeName}.${best.name}`, field: best.name };
  const inner = getNamedType(best.type);
  return isLeafType(inner) ? [step] : [step, ...leafSteps(inner.name)];
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Records of people who are not in the registry: a complainant is nobody's case, so their
 * identity is reached from its root list only; labor-welfare's complaints.test.ts proves every
 * role's read of it and its audit.
 */
const OUTSIDE_REGISTRY = new Set(['Complaint']);

/** Sensitive fields of the types below Person (root fields are not read through a person). */
const SENSITIVE = Object.entries(ACCESS_MATRIX)
  .filter(([coordinate, rule]) => {
    const typeName = coordinate.split('.')[0] as string;
    return rule.sensitive && rule.owner !== 'shared' && !ROOT_TYPES.has(typeName) && !OUTSIDE_REGISTRY.has(typeName);
  })
  .map(([coordinate, rule]) => ({ coordinate, owner: rule.owner }))
  .sort((a, b) => a.coordinate.localeCompare(b.coordinate));

const unreachable: string[] = [];
const TARGETS: Target[] = SENSITIVE.flatMap(({ coordinate, owner }) => {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = supergraph.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  const path = field && selectable(typeName, field) ? pathFromPerson(typeName) : null;
  if (!field || !path) {
    unreachable.push(coordinate);
    return [];
  }
  const inner = getNamedType(field.type);
  const steps = [...path, { coordinate, field: fieldName }];
  return [{ coordinate, owner, steps: isLeafType(inner) ? steps : [...steps, ...leafSteps(inner.name)], depth: steps.length }];
});

const selection = (steps: readonly Step[]): string =>
  steps.reduceRight((inner, step) => (inner ? `${step.field} { ${inner} }` : step.field), '');

// ---------------------------------------------------------------------------------------
// Routes

type Route = 'by number' | 'list' | 'nested fragments' | 'forged _entities';
const ROUTES: readonly Route[] = ['by number', 'list', 'nested fragments', 'forged _entities'];
const BY_NUMBER = 'Query.personByIdentificationNumber';
const BY_ID = 'Query.person';

/** Fields from the root down to Person; the first one is the aliased root field. */
function rootChain(route: Route, role: Role): Step[] {
  const pick = (preferred: string, other: string): Step[] => {
    const coordinate = canRead(ACCESS_MATRIX, role, preferred) || !canRead(ACCESS_MATRIX, role, other) ? preferred : other;
    return [{ coordinate, field: coordinate.slice('Query.'.length) }];
  };
  switch (route) {
    case 'by number':
      return pick(BY_NUMBER, BY_ID);
    case 'nested fragments':
      return pick(BY_ID, BY_NUMBER);
    case 'list':
      return [
        { coordinate: 'Query.persons', field: 'persons' },
        { coordinate: 'PersonConnection.nodes', field: 'nodes' },
      ];
    case 'forged _entities':
      return [];
  }
}

interface Expectation {
  allowed: boolean;
  /** Field names from the alias to the first denied field (when denied). */
  deniedPath: string[];
  /**
   * How far the null of a denied field spreads: to the field only, to the whole alias
   * (a non-null field under non-null parents up to a nullable root or entity), or to the
   * whole response (up to a non-null root, as in `persons.nodes`).
   */
  spread: 'field' | 'alias' | 'response';
  /**
   * May the case share an alias with others: allowed, or denied at a nullable field.
   * (A denied non-null field stops graphql-js from running its siblings.)
   */
  shares: boolean;
}

function fieldType(coordinate: string): GraphQLOutputType {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const field = objectType(typeName).getFields()[fieldName];
  if (!field) throw new Error(`${coordinate} is not in the supergraph`);
  return field.type;
}

/** Does a null inside this field's value reach its parent: non-null at every level, list items included? */
function carriesNullUp(type: GraphQLOutputType): boolean {
  for (let t: GraphQLOutputType = type; ;) {
    if (!isNonNullType(t)) return false;
    if (!isListType(t.ofType)) return true;
    t = t.ofType.ofType;
  }
}

function expectation(route: Route, role: Role, target: Target): Expectation {
  const chain = [...rootChain(route, role), ...target.steps];
  const denied = chain.findIndex((step) => !readable(role, step));
  if (denied < 0) return { allowed: true, deniedPath: [], spread: 'field', shares: true };
  const entities = route === 'forged _entities';
  const deniedPath = (entities ? chain.slice(0, denied + 1) : chain.slice(1, denied + 1)).map((s) => s.field);
  const root = chain[0] as Step;
  const shares = !isNonNullType(fieldType((chain[denied] as Step).coordinate));
  if (!entities && denied === 0)
    return { allowed: false, deniedPath, shares, spread: isNonNullType(fieldType(root.coordinate)) ? 'response' : 'alias' };
  // The denied field's value is null; the null climbs while each level is non-null.
  let climbs = isNonNullType(fieldType((chain[denied] as Step).coordinate));
  for (let i = denied - 1; climbs && i >= (entities ? 0 : 1); i--)
    climbs = carriesNullUp(fieldType((chain[i] as Step).coordinate));
  if (!climbs) return { allowed: false, deniedPath, shares, spread: 'field' };
  // It reached the entity (_entities items are nullable) or the root field's value.
  return {
    allowed: false,
    deniedPath,
    shares,
    spread: !entities && carriesNullUp(fieldType(root.coordinate)) ? 'response' : 'alias',
  };
}

// ---------------------------------------------------------------------------------------
// System, persons with data, accounts

let system: InProcessSystem;
let pseudonyms: PersonPseudonyms;
const withData = new Map<string, DemoPerson[]>();
/** Sensitive fields no seeded person has data for: their allowed cases can show no value. */
const dataless = new Set<string>();
const accounts = new Map<Role, DemoAccount>();

function unitPath(code: string): string {
  const unit = unitByCode(code);
  if (!unit) throw new Error(`unknown unit ${code}`);
  return unit.path;
}

function inScope(person: DemoPerson, account: DemoAccount): boolean {
  const scope = unitPath(account.unitCode);
  const home = unitPath(person.currentResidence.unitCode);
  return home === scope || home.startsWith(`${scope}.`);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** Every value at the end of the field names, through lists. */
function valuesAt(value: unknown, names: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, names));
  if (names.length === 0) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = names as [string, ...string[]];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

const targetNames = (target: Target): string[] => target.steps.slice(0, target.depth).map((s) => s.field);

function chunks<T>(items: readonly T[], size = ALIASES_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const personId = (role: Role, person: DemoPerson): string =>
  seesPseudonyms({ role }) ? pseudonyms.pseudonymOf(person.id) : person.id;

async function direct(
  subgraph: SubgraphName,
  role: Role,
  unitCode: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const response = await fetch(system.subgraphs.get(subgraph)?.url as string, {
    method: 'POST',
    headers: await system.signedHeaders(testCaller(role, unitCode), subgraph, { query, variables }),
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
}

/** Probing roles: the supervisor, else (health-only data) the first role that may read the whole path. */
const PROBERS: readonly Role[] = ['supervisor', ...ROLES.filter((r) => r !== 'supervisor')];
const proberOf = (t: Target): Role => PROBERS.find((r) => t.steps.every((step) => readable(r, step))) ?? 'supervisor';

/**
 * Which seeded persons have data for each target: a supervisor's forged _entities over
 * the whole population at the owning subgraph. Targets still without data are asked
 * once more, for data that the first reads create (access logs).
 */
async function findPersonsWithData(): Promise<void> {
  const all = population.map((p) => ({ __typename: PERSON, id: p.id }));
  for (let pass = 0; pass < 2; pass++) {
    for (const owner of SUBGRAPH_NAMES)
      for (const prober of PROBERS) {
        const pending = TARGETS.filter((t) => t.owner === owner && !withData.get(t.coordinate)?.length && proberOf(t) === prober);
        for (const batch of chunks(pending)) {
          const query = `query($all: [_Any!]!) { ${batch.map((t, i) => `t${i}: _entities(representations: $all) { ... on Person { ${selection(t.steps)} } }`).join(' ')} }`;
          const response = await direct(owner, prober, '01', query, { all });
          if (response.errors) throw new Error(`probe at ${owner} failed: ${JSON.stringify(response.errors.slice(0, 3))}`);
          batch.forEach((target, i) => {
            const entities = (response.data?.[`t${i}`] ?? []) as unknown[];
            withData.set(
              target.coordinate,
              population.filter((_p, n) => valuesAt(entities[n], targetNames(target)).some(present)),
            );
          });
        }
      }
  }
  for (const target of TARGETS) if (!withData.get(target.coordinate)?.length) dataless.add(target.coordinate);
  if (dataless.size > 0)
    console.warn(`Sensitive fields without seeded data (allowed cases check for errors only): ${[...dataless].join(', ')}`);
}

/** The role's demo account with the widest unit, or a test account at the province when its unit lacks data. */
async function chooseAccounts(): Promise<void> {
  const minted: DemoAccount[] = [];
  for (const role of ROLES) {
    const demo = DEMO_ACCOUNTS.filter((a) => a.role === role).sort(
      (a, b) => unitPath(a.unitCode).length - unitPath(b.unitCode).length,
    )[0];
    if (!demo) throw new Error(`no demo account for ${role}`);
    const covered = TARGETS.every(
      (t) => dataless.has(t.coordinate) || (withData.get(t.coordinate) ?? []).some((p) => inScope(p, demo)),
    );
    const account = covered
      ? demo
      : { ...demo, username: `matrix.${role}`, displayName: `Kiểm thử ma trận (${role})`, unitCode: '01' };
    if (!covered) minted.push(account);
    accounts.set(role, account);
  }
  if (minted.length > 0) await seedIdentity(system.dbs.identity, minted);
}

/** A person with data for each target in the role's unit, reusing few persons so cases share aliases. */
function choosePersons(role: Role): Map<string, DemoPerson> {
  const account = accounts.get(role) as DemoAccount;
  const candidates = new Map(
    TARGETS.map((t) => [t.coordinate, (withData.get(t.coordinate) ?? []).filter((p) => inScope(p, account))]),
  );
  const chosen = new Map<string, DemoPerson>();
  const pool = new Set<DemoPerson>();
  for (const target of [...TARGETS].sort(
    (a, b) => (candidates.get(a.coordinate)?.length ?? 0) - (candidates.get(b.coordinate)?.length ?? 0),
  )) {
    const options = dataless.has(target.coordinate)
      ? population.filter((p) => inScope(p, account))
      : (candidates.get(target.coordinate) ?? []);
    const person = options.find((p) => pool.has(p)) ?? options[0];
    if (!person) throw new Error(`no seeded person in ${account.username}'s unit has data for ${target.coordinate}`);
    pool.add(person);
    chosen.set(target.coordinate, person);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------
// Planning and running the cases

interface Case {
  role: Role;
  route: Route;
  target: Target;
  person: DemoPerson;
  expected: Expectation;
}

/** One aliased root field: a person and the cases it answers. */
interface Alias {
  person: DemoPerson;
  cases: Case[];
}

interface Outcome {
  value: unknown;
  errors: NonNullable<GraphQLResponse['errors']>;
}

const outcomes = new Map<string, Outcome>();
const key = (role: Role, route: Route, coordinate: string): string => `${role}|${route}|${coordinate}`;

/**
 * Groups a route's cases into requests of aliases: cases that cannot spoil others share
 * one alias per person; a denied non-null field gets an alias of its own (one per
 * person and denied path), or a request of its own when it nulls the whole response.
 */
function plan(cases: readonly Case[]): Alias[][] {
  const shared = new Map<DemoPerson, Alias>();
  const own = new Map<string, Alias>();
  const alone = new Map<string, Alias>();
  for (const c of cases) {
    const bucket = c.expected.shares ? null : c.expected.spread === 'response' ? alone : own;
    if (!bucket) {
      const alias = shared.get(c.person) ?? { person: c.person, cases: [] };
      alias.cases.push(c);
      shared.set(c.person, alias);
      continue;
    }
    const id = `${c.person.id}|${c.expected.deniedPath.join('.')}`;
    const alias = bucket.get(id) ?? { person: c.person, cases: [] };
    alias.cases.push(c);
    bucket.set(id, alias);
  }
  return [...chunks([...shared.values(), ...own.values()]), ...[...alone.values()].map((a) => [a])];
}

function rootCall(step: Step, person: DemoPerson, role: Role): string {
  if (step.coordinate === BY_NUMBER) return `personByIdentificationNumber(number: "${person.identificationNumber}")`;
  if (step.coordinate === BY_ID) return `person(id: "${personId(role, person)}")`;
  // Filtering by name needs the right to read names (analysts may not: no re-identification),
  // so for such roles the list is the person's commune, whose first nodes show the denial.
  if (!canRead(ACCESS_MATRIX, role, 'Person.fullName'))
    return `persons(first: 5, unitCode: "${person.currentResidence.unitCode}")`;
  return `persons(first: 5, unitCode: "${person.currentResidence.unitCode}", name: ${JSON.stringify(person.fullName)})`;
}

function operation(route: Route, role: Role, aliases: readonly Alias[]): { query: string; variables: Record<string, unknown> } {
  const fields: string[] = [];
  const fragments: string[] = [];
  const variables: Record<string, unknown> = {};
  aliases.forEach((alias, i) => {
    const name = `c${i}`;
    const inner = alias.cases.map((c) => selection(c.target.steps)).join(' ');
    if (route === 'forged _entities') {
      variables[name] = [{ __typename: PERSON, id: personId(role, alias.person) }];
      fields.push(`${name}: _entities(representations: $${name}) { ... on Person { ${inner} } }`);
      return;
    }
    const call = rootCall(rootChain(route, role)[0] as Step, alias.person, role);
    if (route === 'list') fields.push(`${name}: ${call} { nodes { ${inner} } }`);
    else if (route === 'by number') fields.push(`${name}: ${call} { ${inner} }`);
    else {
      fields.push(`${name}: ${call} { ...F${i} }`);
      fragments.push(`fragment F${i} on Person { ... on Person { ${inner} } }`);
    }
  });
  const declared = Object.keys(variables)
    .map((name) => `$${name}: [_Any!]!`)
    .join(', ');
  return { query: `query${declared ? `(${declared})` : ''} { ${fields.join(' ')} } ${fragments.join(' ')}`, variables };
}

function record(aliases: readonly Alias[], response: GraphQLResponse): void {
  aliases.forEach((alias, i) => {
    const name = `c${i}`;
    // Errors without a path (a refused request) count against every case of the request.
    const errors = (response.errors ?? []).filter((e) => !e.path || e.path[0] === name);
    for (const c of alias.cases)
      outcomes.set(key(c.role, c.route, c.target.coordinate), { value: response.data?.[name], errors });
  });
}

async function runRole(role: Role, token: string): Promise<void> {
  const persons = choosePersons(role);
  const account = accounts.get(role) as DemoAccount;
  const casesOf = (route: Route, targets: readonly Target[]): Case[] =>
    targets.map((target) => ({
      role,
      route,
      target,
      person: persons.get(target.coordinate) as DemoPerson,
      expected: expectation(route, role, target),
    }));
  for (const route of ROUTES.filter((r) => r !== 'forged _entities')) {
    for (const aliases of plan(casesOf(route, TARGETS))) {
      const { query, variables } = operation(route, role, aliases);
      record(aliases, await system.graphql(token, query, variables));
    }
  }
  // Forged calls go straight to the owning subgraph, one owner per request.
  for (const owner of SUBGRAPH_NAMES) {
    for (const aliases of plan(
      casesOf(
        'forged _entities',
        TARGETS.filter((t) => t.owner === owner),
      ),
    )) {
      const { query, variables } = operation('forged _entities', role, aliases);
      record(aliases, await direct(owner, role, account.unitCode, query, variables));
    }
  }
}

beforeAll(async () => {
  system = await startTestSystem();
  pseudonyms = new PersonPseudonyms(system.pseudonymSecret);
  await findPersonsWithData();
  await chooseAccounts();
  const tokens = await Promise.all(ROLES.map((role) => system.login((accounts.get(role) as DemoAccount).username)));
  await Promise.all(ROLES.map((role, n) => runRole(role, tokens[n] as string)));
}, 600_000);

afterAll(async () => {
  await system.stop();
});

// ---------------------------------------------------------------------------------------
// The generated tests

describe('the access matrix', () => {
  it('has a path from Person in the supergraph to every sensitive field', () => {
    expect(unreachable).toEqual([]);
    expect(TARGETS.length).toBeGreaterThan(0);
    for (const owner of SUBGRAPH_NAMES) expect(TARGETS.some((t) => t.owner === owner)).toBe(true);
  });

  it('has the person roots the routes use', () => {
    const query = supergraph.getQueryType()?.getFields() ?? {};
    const named = (name: string): string | null => {
      const field = query[name];
      return field ? getNamedType(field.type).name : null;
    };
    expect([named('personByIdentificationNumber'), named('person'), named('persons')]).toEqual([
      PERSON,
      PERSON,
      'PersonConnection',
    ]);
  });
});

const names = (path: readonly (string | number)[] | undefined): string[] =>
  (path ?? []).filter((p): p is string => typeof p === 'string').slice(1);
const related = (a: readonly string[], b: readonly string[]): boolean => a.every((n, i) => i >= b.length || b[i] === n);

function check(role: Role, route: Route, target: Target): void {
  const outcome = outcomes.get(key(role, route, target.coordinate));
  if (!outcome) throw new Error('case did not run');
  const expected = expectation(route, role, target);
  const walk = route === 'list' ? ['nodes', ...targetNames(target)] : targetNames(target);
  const got = valuesAt(outcome.value, walk).some(present);
  const where = `${role} ${route} ${target.coordinate}`;
  if (expected.allowed) {
    const touching = outcome.errors.filter((e) => !e.path || related(names(e.path), walk));
    expect([where, touching]).toEqual([where, []]);
    if (!dataless.has(target.coordinate)) expect([where, got]).toEqual([where, true]);
    return;
  }
  const forbidden = outcome.errors.filter(
    (e) => e.extensions?.code === 'FORBIDDEN' && names(e.path).join('.') === expected.deniedPath.join('.'),
  );
  expect([where, 'FORBIDDEN at', expected.deniedPath, forbidden.length > 0]).toEqual([
    where,
    'FORBIDDEN at',
    expected.deniedPath,
    true,
  ]);
  expect([where, outcome.errors.filter((e) => e.extensions?.code !== 'FORBIDDEN')]).toEqual([where, []]);
  expect([where, got]).toEqual([where, false]);
}

describe.each(ROLES)('%s', (role) => {
  it.each(TARGETS.map((t) => [canRead(ACCESS_MATRIX, role, t.coordinate) ? 'reads' : 'is denied', t.coordinate, t] as const))(
    '%s %s by number, in a list, nested in fragments and by forged _entities',
    (_verb, _coordinate, target) => {
      for (const route of ROUTES) check(role, route, target);
    },
  );
});
