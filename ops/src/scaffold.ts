import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AGENCIES,
  REGISTRY_FILE,
  SUBGRAPH_NAME_PATTERN,
  SUBGRAPHS_DIR,
  formatRegistry,
  readRegistry,
  subgraphEnvPrefix,
  type SubgraphRegistryEntry,
} from '@rehab/shared-schema';

/**
 * `npm run new:subgraph -- <name>`: a new subgraph with the same rooms as the others,
 * one Person field and one mutation, scoped and audited through the kit, ready to extend.
 */

/** Names a subgraph may not take: other workspaces, databases and agencies. */
const RESERVED = new Set([
  'identity',
  'gateway',
  'web',
  'ops',
  'test',
  'server-kit',
  'shared-schema',
  'shared',
  'registry',
  'kit',
  'scripts',
  'docs',
  'node-modules',
  ...AGENCIES,
]);
const MAX_NAME = 30;

export class ScaffoldError extends Error {}

/** Why a name cannot be a new subgraph's, or null when it can. */
export function nameProblem(name: string, registered: readonly SubgraphRegistryEntry[], dir = SUBGRAPHS_DIR): string | null {
  if (!SUBGRAPH_NAME_PATTERN.test(name) || name.length > MAX_NAME) {
    return `"${name}" is not a subgraph name: lower-case letters and digits, words joined by single dashes, each starting with a letter, at most ${MAX_NAME} characters (e.g. justice, legal-aid)`;
  }
  if (registered.some((e) => e.name === name)) return `"${name}" is already registered in subgraphs/registry.json`;
  if (RESERVED.has(name)) return `"${name}" is reserved (another workspace, database or agency)`;
  if (existsSync(join(dir, name))) return `subgraphs/${name}/ already exists`;
  return null;
}

/** The identifiers made from a subgraph name, e.g. legal-aid → LegalAid, legalAid, legal_aid. */
export interface Names {
  name: string;
  pascal: string;
  camel: string;
  snake: string;
  /** The record type, its Person field, its mutation, its table. */
  record: string;
  field: string;
  mutation: string;
  table: string;
}

export function namesOf(name: string): Names {
  const words = name.split('-');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  const snake = words.join('_');
  return {
    name,
    pascal,
    camel,
    snake,
    record: `${pascal}Case`,
    field: `${camel}Cases`,
    mutation: `record${pascal}Case`,
    table: `${snake}_case`,
  };
}

/** Files of a new subgraph, by path relative to its folder. */
export function subgraphFiles(n: Names, migrationTimestamp: number): Record<string, string> {
  const migration = `Create${n.pascal}Cases${migrationTimestamp}`;
  const migrationFile = `${migrationTimestamp}-Create${n.pascal}Cases`;
  const { name, pascal, camel, record, field, mutation, table } = n;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@rehab/${name}`,
        version: '0.1.0',
        private: true,
        main: 'dist/server.js',
        types: 'dist/server.d.ts',
        dependencies: {
          '@rehab/server-kit': '*',
          '@rehab/shared-schema': '*',
          '@apollo/server': '^5.5.1',
          graphql: '^16.11.0',
          typeorm: '^0.3.31',
          dataloader: '^2.2.3',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `{
  "extends": "../../tsconfig.json",
  "compilerOptions": { "composite": true, "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/.tsbuildinfo" },
  "include": ["src"],
  "references": [{"path":"../../shared-schema"},{"path":"../../server-kit"}]
}
`,
    'codegen-mappers.json': `${JSON.stringify({ Person: '../resolvers/Person#PersonRef', [record]: `../entities/${record}#${record}Entity` }, null, 2)}\n`,
    'schema.graphql': `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

# A person of the population registry (owned by police); this subgraph adds its own records.

type Person @key(fields: "id") {
  id: ID!
  "Hồ sơ (${name}): this agency's cases of the person within the caller's unit, newest first. Nullable so an outage of this agency leaves the rest of a Person answer intact."
  ${field}: [${record}!]
}

"A case this agency keeps on a person, owned by the commune where it was opened."
type ${record} {
  id: ID!
  "The commune where the person lived when the case was opened (it owns the record)."
  unit: AdministrativeUnit!
  openedOn: Date!
  summary: String!
  "Username of the officer who recorded it."
  recordedBy: String!
}

type Mutation {
  "Opens a case on a registered person living in the caller's unit, owned by the person's commune (audited)."
  ${mutation}(personId: ID!, openedOn: Date!, summary: String!): ${record}!
}
`,
    'access-rules.json': `${JSON.stringify(
      {
        owner: name,
        fields: {
          [`Person.${field}`]: { read: ['commune_official', 'police_officer', 'supervisor'], sensitive: true },
          ...Object.fromEntries(
            ['id', 'unit', 'openedOn', 'summary', 'recordedBy'].map((f) => [
              `${record}.${f}`,
              { read: ['commune_official', 'police_officer', 'supervisor'] },
            ]),
          ),
        },
        mutations: { [mutation]: { write: ['commune_official'] } },
      },
      null,
      2,
    )}\n`,
    'src/index.ts': `import { runSubgraphMain } from '@rehab/server-kit';
import { create${pascal}DataSource, ${camel}Subgraph } from './server';

runSubgraphMain(${camel}Subgraph, create${pascal}DataSource);
`,
    'src/server.ts': `import { join } from 'node:path';
import { readSubgraphSchema } from '@rehab/shared-schema';
import {
  CreatePersonDirectory1764800000000, PERSON_DIRECTORY_NOTICE_HANDLERS, createSubgraphDataSource, registerSubgraph, type GraphQLResolverMap, type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type Context, type ${pascal}Loaders } from './context';
import { ${record}Entity } from './entities/${record}';
import { ${migration} } from './migrations/${migrationFile}';
import { resolvers } from './resolvers';
import { is${pascal}Empty, seed${pascal} } from './seed';

export const schemaText = readSubgraphSchema(join(__dirname, '..'));

export const ${camel}Subgraph: SubgraphModule<${pascal}Loaders> = {
  name: '${name}',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  // Police announce where registry persons live; a first record names a person of the directory.
  noticeHandlers: PERSON_DIRECTORY_NOTICE_HANDLERS,
};

/** This subgraph's own tables and migrations; the common ones (reference data, audit, outbox) come from the kit. */
export const entities = [${record}Entity];
export const migrations = [CreatePersonDirectory1764800000000, ${migration}];

export function create${pascal}DataSource(env: NodeJS.ProcessEnv = process.env) {
  return createSubgraphDataSource('${name}', { entities, migrations }, env);
}

export { is${pascal}Empty, seed${pascal} } from './seed';

/** This subgraph as the system starts, migrates and seeds it (its name is registered in subgraphs/registry.json). */
export const subgraph = registerSubgraph({ module: ${camel}Subgraph, createDataSource: create${pascal}DataSource, isEmpty: is${pascal}Empty, seed: seed${pascal} });
`,
    'src/context.ts': `import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, pathScope, unitLookup, type SubgraphContext, type UnitLookup } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { ${record}Entity } from './entities/${record}';

export interface ${pascal}Loaders {
  /** Cases per person id, newest first, limited to the caller's unit subtree (one statement per batch). */
  casesByPerson: DataLoader<string, ${record}Entity[]>;
  unitByCode: UnitLookup;
}

export type Context = SubgraphContext<${pascal}Loaders>;

export function createLoaders(db: DataSource, caller: Caller): ${pascal}Loaders {
  return {
    casesByPerson: groupedLoader(async (personIds) => {
      // A case of a split pre-reform commune follows its person to the new commune the province assigned.
      const scope = pathScope('c.owner_unit_path', caller, { personColumn: 'c.person_id' });
      return db.getRepository(${record}Entity).createQueryBuilder('c')
        .where('c.person_id IN (:...personIds)', { personIds })
        .andWhere(scope.sql, scope.params)
        .orderBy('c.opened_on', 'DESC').addOrderBy('c.id', 'ASC')
        .getMany();
    }, (c) => c.personId),
    unitByCode: unitLookup(),
  };
}
`,
    [`src/entities/${record}.ts`]: `import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case on a person, owned by the commune where it was opened (owner_unit_path). */
@Entity({ name: '${table}' })
export class ${record}Entity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 64 })
  ownerUnitPath: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
`,
    [`src/migrations/${migrationFile}.ts`]: `import type { MigrationInterface, QueryRunner } from 'typeorm';
import { trackDataChanges } from '@rehab/server-kit';

/** The ${name} subgraph's cases on persons (their writes counted, so kept indicator measures are recomputed). */
export class ${migration} implements MigrationInterface {
  name = '${migration}';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(\`CREATE TABLE ${table} (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(64) NOT NULL,
      opened_on date NOT NULL,
      summary varchar(500) NOT NULL CHECK (length(btrim(summary)) > 0),
      recorded_by varchar(64) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())\`);
    await runner.query('CREATE INDEX ${table}_person ON ${table} (person_id)');
    await runner.query('CREATE INDEX ${table}_owner ON ${table} (owner_unit_path text_pattern_ops)');
    await trackDataChanges(runner, '${table}');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ${table}');
  }
}
`,
    'src/seed.ts': `import type { DataSource } from 'typeorm';
import { seedPersonDirectory, seedPersonUnitAssignments } from '@rehab/server-kit';
import type { DemoPerson } from '@rehab/shared-schema';

/** Is this subgraph's database still empty (no cases), so demo data may be seeded? */
export async function is${pascal}Empty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query<[{ count: number }]>('SELECT count(*)::int AS count FROM ${table}');
  return count === 0;
}

/**
 * The demo population's part in this subgraph: the person directory (as police would announce
 * it) and the province's assignments of persons of split communes (so scope follows them);
 * no cases yet (add demo cases here).
 */
export async function seed${pascal}(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  await db.transaction(async (manager) => {
    await seedPersonDirectory(manager, population);
    await seedPersonUnitAssignments(manager, population);
  });
}
`,
    'src/resolvers/index.ts': `import type { Resolvers } from '../__generated__/resolvers';
import { ${record} } from './${record}';
import { Mutation } from './Mutation';
import { Person } from './Person';

export const resolvers: Resolvers = { Person, ${record}, Mutation };
`,
    'src/resolvers/Person.ts': `import { checkUuid } from '@rehab/server-kit';
import type { PersonResolvers } from '../__generated__/resolvers';

/** A person as this subgraph knows them: only the id (police owns identity). */
export interface PersonRef {
  id: string;
}

export const Person: PersonResolvers = {
  // Checked before any field resolves: a malformed id reaches neither SQL nor the audit table.
  __resolveReference: async (reference) => ({ id: checkUuid(reference.id, 'id') }),
  ${field}: (p, _args, ctx) => ctx.loaders.casesByPerson.load(p.id),
};
`,
    [`src/resolvers/${record}.ts`]: `import type { ${record}Resolvers } from '../__generated__/resolvers';

export const ${record}: ${record}Resolvers = {
  unit: async (c, _args, ctx) => {
    const unit = await ctx.loaders.unitByCode.load(c.unitCode);
    if (!unit) throw new Error(\`unit \${c.unitCode} of ${record} \${c.id} is not in the reference data\`);
    return unit;
  },
};
`,
    'src/resolvers/Mutation.ts': `import { randomUUID } from 'node:crypto';
import { domainError, requirePersonInScope } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import { ${record}Entity } from '../entities/${record}';

const bad = (vi: string, en: string, field: string) => domainError('BAD_USER_INPUT', { vi, en }, { field });

export const Mutation: MutationResolvers = {
  ${mutation}: async (_parent, args, ctx) => {
    const today = todayInHanoi();
    if (args.openedOn > today) throw bad(\`Ngày \${args.openedOn} chưa đến (hôm nay là \${today})\`, \`The date \${args.openedOn} is in the future (today is \${today})\`, 'openedOn');
    const summary = args.summary.trim();
    if (summary.length === 0 || summary.length > 500) throw bad('Tóm tắt phải có từ 1 đến 500 ký tự', 'The summary must have 1 to 500 characters', 'summary');
    const id = randomUUID();
    await ctx.db.transaction(async (manager) => {
      // A registered person living where the caller acts (missing and out of scope: the same NOT_FOUND).
      const person = await requirePersonInScope(manager, ctx.caller, args.personId);
      await manager.getRepository(${record}Entity).insert({
        id, personId: person.personId, unitCode: person.unitCode, ownerUnitPath: person.unitPath, openedOn: args.openedOn, summary,
        recordedBy: ctx.caller.username,
      });
      await ctx.audit.change(manager, '${record}', ['unit', 'openedOn', 'summary'], person.personId);
    });
    return ctx.db.getRepository(${record}Entity).findOneByOrFail({ id });
  },
};
`,
    [`src/__tests__/${name}.test.ts`]: `import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  buildSubgraphServer, createContext, demoUnits, openTestDatabase, seedPersonDirectory, testCaller, undoMigrationsAfter, type TestDatabase,
} from '@rehab/server-kit';
import { ACCESS_MATRIX, ROLES, canRead, todayInHanoi, unitByCode, type Role } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { create${pascal}DataSource, ${camel}Subgraph } from '../server';
const { COMMUNE, NEIGHBOUR_COMMUNE } = demoUnits;

type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

let database: TestDatabase;
let server: ApolloServer<Context>;
/** A registered person of COMMUNE, as police announce them to the directory. */
const PERSON = '00000000-0000-4000-8000-000000000001';
/** An id nobody holds. */
const UNKNOWN = '00000000-0000-4000-8000-0000000000ff';

beforeAll(async () => {
  database = await openTestDatabase('${name}', create${pascal}DataSource);
  const home = unitByCode(COMMUNE);
  if (!home) throw new Error(\`no unit \${COMMUNE}\`);
  await seedPersonDirectory(database.db, [{ id: PERSON, currentResidence: { unitCode: home.code, unitPath: home.path } }]);
  server = buildSubgraphServer(${camel}Subgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

async function run(query: string, variables: Record<string, unknown>, role: Role, unitCode = COMMUNE): Promise<Result> {
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(database.db, testCaller(role, unitCode), createLoaders) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const RECORD = \`mutation($p: ID!, $d: Date!, $s: String!) { ${mutation}(personId: $p, openedOn: $d, summary: $s) { id unit { code } openedOn summary recordedBy } }\`;
const READ = \`query($p: ID!) { _entities(representations: [{ __typename: "Person", id: $p }]) { ... on Person { ${field} { id unit { code } summary } } } }\`;
const count = async (): Promise<number> => (await database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM ${table}'))[0].n;

describe('the ${name} subgraph', () => {
  it('records a case of a person of the caller\\'s commune, audited, and reads it back within the unit only', async () => {
    const recorded = await run(RECORD, { p: PERSON, d: todayInHanoi(), s: 'Mở hồ sơ' }, 'commune_official');
    expect(recorded.errors).toBeUndefined();
    const audit = await database.db.query<[{ n: number }]>("SELECT count(*)::int AS n FROM audit_log WHERE entity_type = '${record}' AND action = 'CHANGE'");
    expect(audit[0].n).toBe(1);
    const own = await run(READ, { p: PERSON }, 'commune_official');
    expect(own.errors).toBeUndefined();
    expect(own.data?._entities).toEqual([{ ${field}: [{ id: expect.any(String), unit: { code: COMMUNE }, summary: 'Mở hồ sơ' }] }]);
    const neighbour = await run(READ, { p: PERSON }, 'commune_official', NEIGHBOUR_COMMUNE);
    expect(neighbour.data?._entities).toEqual([{ ${field}: [] }]);
  });

  it('refuses roles without the right, a person outside the unit or unknown alike, and bad input, changing nothing', async () => {
    const before = await count();
    for (const role of ROLES.filter((r) => !canRead(ACCESS_MATRIX, r, 'Mutation.${mutation}'))) {
      const refused = await run(RECORD, { p: PERSON, d: todayInHanoi(), s: 'x' }, role);
      expect({ role, code: refused.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
    }
    for (const role of ROLES.filter((r) => !canRead(ACCESS_MATRIX, r, 'Person.${field}'))) {
      const refused = await run(READ, { p: PERSON }, role);
      expect({ role, code: refused.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
    }
    const elsewhere = await run(RECORD, { p: PERSON, d: todayInHanoi(), s: 'x' }, 'commune_official', NEIGHBOUR_COMMUNE);
    const unknown = await run(RECORD, { p: UNKNOWN, d: todayInHanoi(), s: 'x' }, 'commune_official');
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'personId' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'personId' });
    const empty = await run(RECORD, { p: PERSON, d: todayInHanoi(), s: '  ' }, 'commune_official');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'summary' });
    expect(await count()).toBe(before);
  });

  it('has a migration that goes down and up again', async () => {
    const owner = await database.owner();
    const tables = async () => (await owner.query<[{ n: number }]>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = '${table}'"))[0].n;
    await undoMigrationsAfter(owner, '${migration}');
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toBe(0);
    await owner.runMigrations({ transaction: 'each' });
    expect(await tables()).toBe(1);
  });
});
`,
  };
}

/** Writes a new subgraph's files into `dir` (which must not exist). Returns the paths written. */
export function writeSubgraph(dir: string, name: string, migrationTimestamp = Date.now()): string[] {
  if (existsSync(dir)) throw new ScaffoldError(`${dir} already exists`);
  const files = subgraphFiles(namesOf(name), migrationTimestamp);
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return Object.keys(files);
}

/** The next free default port after the registered ones (the gateway keeps 4000). */
export function nextPort(registered: readonly SubgraphRegistryEntry[]): number {
  return Math.max(4000, ...registered.map((e) => e.port)) + 1;
}

/** Adds the subgraph's line to subgraphs/registry.json. */
export function register(entry: SubgraphRegistryEntry, file = REGISTRY_FILE): void {
  writeFileSync(file, formatRegistry([...readRegistry(file), entry]));
}

/** Removes a subgraph's line (undoing a scaffold that could not finish). */
export function unregister(name: string, file = REGISTRY_FILE): void {
  writeFileSync(file, formatRegistry(readRegistry(file).filter((e) => e.name !== name)));
}

/** Removes a half-made subgraph: its folder and its registry line. */
export function removeSubgraph(name: string, dir = join(SUBGRAPHS_DIR, name), file = REGISTRY_FILE): void {
  rmSync(dir, { recursive: true, force: true });
  if (readRegistry(file).some((e) => e.name === name)) unregister(name, file);
}

/** Its environment variables, for the summary printed at the end. */
export function envNames(name: string): string[] {
  const prefix = subgraphEnvPrefix(name);
  return [
    `${prefix}_PORT`,
    `${prefix}_URL`,
    `${prefix}_DATABASE_URL`,
    `${prefix}_NOTICE_PRIVATE_KEY`,
    `${prefix}_NOTICE_PUBLIC_KEY`,
  ];
}
