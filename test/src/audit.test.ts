import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { InProcessSystem } from '@rehab/ops';
import {
  DEFAULT_APP_ROLE,
  buildSubgraphServer,
  createContext,
  dropDatabase,
  freePort,
  openDatabase,
  openTestDatabase,
  ownerDataSource,
  testCaller,
  type DatabaseOwner,
  type TestDatabase,
} from '@rehab/server-kit';
import { REPO_ROOT, SUBGRAPH_NAMES, type SubgraphName } from '@rehab/shared-schema';
import { createPoliceDataSource, policeSubgraph, seedPolice } from '@rehab/police';
import { PERSON_360, personAt, population, startTestSystem } from './fixtures';

/**
 * The audit trail: the application's database role cannot rewrite it, a request whose
 * audit row cannot be written is denied, and supervisors can ask who looked at a person.
 */
let system: InProcessSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system.stop();
});

const OWNERS: readonly DatabaseOwner[] = [...SUBGRAPH_NAMES, 'identity'];

/** The application's connection to one of the system's databases. */
function appConnection(name: DatabaseOwner): DataSource {
  return name === 'identity' ? system.dbs.identity : system.dbs.subgraph(name).db;
}

/** A connection as the owner of one of the system's databases (migrations' role). */
async function withOwner<T>(name: SubgraphName, run: (owner: DataSource) => Promise<T>): Promise<T> {
  const owner = await ownerDataSource(system.dbs.subgraph(name).source, name, system.options.env).initialize();
  try {
    return await run(owner);
  } finally {
    await owner.destroy();
  }
}

const AUDIT_INSERT = `INSERT INTO audit_log (user_id, username, agency, role, unit_code, action, entity_type, fields, purpose, request_id)
  VALUES ('u', 'test', 'police', 'police_officer', '01', 'READ', 'Person', '{fullName}', 'test', 'r')`;

describe("the application's database role", () => {
  it.each(OWNERS)('on %s is the restricted login role, not the owner', async (name) => {
    const db = appConnection(name);
    const [me] = await db.query<
      { name: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; owned: number }[]
    >(`SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
        (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`);
    expect(me).toEqual({
      name: DEFAULT_APP_ROLE,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      owned: 0,
    });
  });

  it.each(OWNERS)('on %s may append audit rows but not update, delete or truncate them', async (name) => {
    const db = appConnection(name);
    await expect(db.query(AUDIT_INSERT)).resolves.toBeDefined();
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(db.query('UPDATE audit_log SET username = $1', ['x'])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    const [{ count }] = await db.query<[{ count: number }]>(
      "SELECT count(*)::int AS count FROM audit_log WHERE username = 'test'",
    );
    expect(count).toBeGreaterThan(0);
  });

  it('may not change the schema, drop the trigger or touch the migrations table', async () => {
    const db = system.dbs.subgraph('police').db;
    await expect(db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(/must be owner/);
    await expect(db.query('DROP TABLE audit_log')).rejects.toThrow(/must be owner/);
    await expect(db.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(db.query('SELECT * FROM schema_migrations')).rejects.toThrow(/permission denied/);
  });

  it('is also what a subgraph started by its index.ts connects as', async () => {
    const script = join(REPO_ROOT, 'subgraphs', 'police', 'dist', 'index.js');
    expect(existsSync(script)).toBe(true);
    const env: NodeJS.ProcessEnv = {
      ...system.options.env,
      DATABASE_PREFIX: `t_${randomBytes(5).toString('hex')}`,
      POLICE_PORT: String(await freePort()),
    };
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('subgraph ready')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`police exited (${code}): ${output}`)));
      });
      const rows = await system.dbs
        .subgraph('police')
        .db.query<{ usename: string }[]>(
          "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'rehab-police'",
          [`${env.DATABASE_PREFIX}_police`],
        );
      expect(rows).toEqual([{ usename: DEFAULT_APP_ROLE }]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await dropDatabase('police', env);
    }
  });
});

describe('an owner without CREATEROLE (e.g. a managed database)', () => {
  const id = randomBytes(4).toString('hex');
  const names = { owner: `t_owner_${id}`, app: `t_app_${id}`, db: `t_db_${id}` };
  const server = new URL(process.env.DATABASE_URL as string);
  const urlAs = (user: string, password: string) => {
    const url = new URL(server);
    url.username = user;
    url.password = password;
    url.pathname = `/${names.db}`;
    return url.toString();
  };
  const superuser = async (sql: string) => {
    const client = new Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const baseEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      POLICE_DATABASE_URL: urlAs(names.owner, 'owner-pw'),
      APP_DATABASE_ROLE: names.app,
    };
    delete env.APP_DATABASE_PASSWORD;
    return { ...env, ...extra };
  };

  beforeAll(async () => {
    await superuser(`CREATE ROLE ${names.owner} LOGIN PASSWORD 'owner-pw' NOSUPERUSER NOCREATEROLE NOCREATEDB`);
    await superuser(`CREATE DATABASE ${names.db} OWNER ${names.owner}`);
  });

  afterAll(async () => {
    await superuser(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
    await superuser(`DROP ROLE IF EXISTS ${names.app}`);
    await superuser(`DROP ROLE IF EXISTS ${names.owner}`);
  });

  it('fails with a message saying what to grant, when the application role does not exist', async () => {
    const env = baseEnv({});
    await expect(openDatabase(createPoliceDataSource(env), 'police', env)).rejects.toThrow(
      new RegExp(
        `Cannot create .*"${names.app}".*"${names.owner}".*lacks CREATEROLE.*ALTER ROLE "${names.owner}" CREATEROLE.*POLICE_APP_DATABASE_URL`,
      ),
    );
  });

  it('refuses to run the application as the owner, or as a privileged role', async () => {
    const asOwner = baseEnv({ POLICE_APP_DATABASE_URL: urlAs(names.owner, 'owner-pw') });
    await expect(openDatabase(createPoliceDataSource(asOwner), 'police', asOwner)).rejects.toThrow(
      /must not connect.*as its owner/,
    );
    const asSuperuser = baseEnv({ POLICE_APP_DATABASE_URL: urlAs(server.username, decodeURIComponent(server.password)) });
    await expect(openDatabase(createPoliceDataSource(asSuperuser), 'police', asSuperuser)).rejects.toThrow(/not restricted/);
  });

  it('uses an existing restricted role named by POLICE_APP_DATABASE_URL, or by APP_DATABASE_ROLE and APP_DATABASE_PASSWORD', async () => {
    await superuser(`CREATE ROLE ${names.app} LOGIN PASSWORD 'app-pw'`);
    for (const env of [
      baseEnv({ POLICE_APP_DATABASE_URL: urlAs(names.app, 'app-pw') }),
      baseEnv({ APP_DATABASE_PASSWORD: 'app-pw' }),
    ]) {
      const source = createPoliceDataSource(env);
      const db = await openDatabase(source, 'police', env);
      try {
        expect(await db.query('SELECT current_user AS name')).toEqual([{ name: names.app }]);
        await expect(db.query(AUDIT_INSERT)).resolves.toBeDefined();
        await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
        await expect(db.query('SELECT count(*) FROM person')).resolves.toBeDefined();
      } finally {
        await db.destroy();
      }
    }
    const wrong = baseEnv({ APP_DATABASE_PASSWORD: 'not-its-password' });
    await expect(openDatabase(createPoliceDataSource(wrong), 'police', wrong)).rejects.toThrow(
      /does not accept the configured password.*lacks CREATEROLE.*APP_DATABASE_PASSWORD/,
    );
  });
});

describe('a request whose audit row cannot be written', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('police', createPoliceDataSource);
    await seedPolice(database.db, population.slice(0, 20));
  });

  afterAll(async () => {
    await database.close();
  });

  it('is denied at the subgraph with AUDIT_UNAVAILABLE and no data', async () => {
    const server = buildSubgraphServer(policeSubgraph, { db: database.db });
    const person = population[0];
    const run = async () => {
      const contextValue = createContext(database.db, testCaller('police_officer'), policeSubgraph.createLoaders);
      const response = await server.executeOperation(
        {
          query: 'query($id: ID!) { person(id: $id) { fullName identificationNumber } }',
          variables: { id: person?.id },
        },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    };
    expect((await run()).data).toEqual({
      person: { fullName: person?.fullName, identificationNumber: person?.identificationNumber },
    });
    const owner = await database.owner();
    await owner.query(`REVOKE INSERT ON audit_log FROM ${DEFAULT_APP_ROLE}`);
    try {
      const denied = await run();
      expect(denied.data).toBeUndefined();
      expect(denied.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }) }),
      ]);
      const text = JSON.stringify(denied);
      expect(text).not.toContain(person?.fullName);
      expect(text).not.toContain(person?.identificationNumber);
      expect(text).not.toMatch(/permission denied|audit_log|INSERT/);
    } finally {
      await owner.query(`GRANT INSERT ON audit_log TO ${DEFAULT_APP_ROLE}`);
      await server.stop();
    }
  });

  it('is denied through the gateway: the agency that cannot audit returns nothing sensitive', async () => {
    const supervisor = await system.login('giamsat.hanoi');
    const person = population.find((p) => p.stage === 'POST_REHAB' && p.determination?.addicted) ?? personAt('POST_REHAB');
    await withOwner('health', (owner) =>
      owner.query('ALTER TABLE audit_log ADD CONSTRAINT audit_closed CHECK (false) NOT VALID'),
    );
    try {
      const response = await system.graphql<{ personByIdentificationNumber: Record<string, unknown> | null }>(
        supervisor,
        PERSON_360,
        { number: person.identificationNumber },
      );
      const audit = response.errors?.find((e) => e.extensions?.code === 'AUDIT_UNAVAILABLE');
      expect(audit?.message).toBe('Không ghi được nhật ký truy cập nên yêu cầu bị từ chối');
      const found = response.data?.personByIdentificationNumber;
      // Police could audit its fields; health could not, so its fields carry no data.
      expect(found?.fullName).toBe(person.fullName);
      expect(found?.addictionDeterminations ?? null).toBeNull();
      expect(found?.substitutionTreatment ?? null).toBeNull();
      expect(JSON.stringify(response)).not.toMatch(/audit_closed|check constraint|violates/);
    } finally {
      await withOwner('health', (owner) => owner.query('ALTER TABLE audit_log DROP CONSTRAINT audit_closed'));
    }

    await withOwner('police', (owner) =>
      owner.query('ALTER TABLE audit_log ADD CONSTRAINT audit_closed CHECK (false) NOT VALID'),
    );
    try {
      const response = await system.graphql(supervisor, PERSON_360, { number: person.identificationNumber });
      expect(response.errors?.map((e) => e.extensions?.code)).toContain('AUDIT_UNAVAILABLE');
      const text = JSON.stringify(response);
      expect(text).not.toContain(person.fullName);
      expect(text).not.toContain(person.identificationNumber);
    } finally {
      await withOwner('police', (owner) => owner.query('ALTER TABLE audit_log DROP CONSTRAINT audit_closed'));
    }
  });
});

describe('who looked at a person', () => {
  const LOGS = `query($id: ID!) { person(id: $id) {
    policeAccessLog { occurredAt username role unitCode action entityType fields purpose requestId }
    laborWelfareAccessLog { username action fields }
    healthAccessLog { username action fields }
    volunteersAccessLog { username action fields }
  } }`;

  interface Entry {
    occurredAt: string;
    username: string;
    role: string;
    unitCode: string;
    action: string;
    entityType: string;
    fields: string[];
    purpose: string;
    requestId: string;
  }
  interface Logs {
    person: Record<
      'policeAccessLog' | 'laborWelfareAccessLog' | 'healthAccessLog' | 'volunteersAccessLog',
      Entry[] | null
    > | null;
  }

  it("a supervisor sees an officer's read in the person's access logs, and their own look is audited too", async () => {
    const person =
      population.find((p) => p.stage === 'POST_REHAB' && p.rehab && p.determination?.addicted) ?? personAt('POST_REHAB');
    const officer = await system.login('congan.hanoi');
    const read = await system.graphql(
      officer,
      `query($id: ID!) { person(id: $id) { fullName dateOfBirth rehabEpisodes { status } addictionDeterminations { addicted } } }`,
      { id: person.id },
    );
    expect(read.errors).toBeUndefined();

    const supervisor = await system.login('giamsat.hanoi');
    const response = await system.graphql<Logs>(supervisor, LOGS, { id: person.id });
    expect(response.errors).toBeUndefined();
    const logs = response.data?.person;
    const police = logs?.policeAccessLog?.find((e) => e.username === 'congan.hanoi');
    expect(police).toMatchObject({
      role: 'police_officer',
      unitCode: '01',
      action: 'READ',
      entityType: 'Person',
      fields: ['dateOfBirth', 'fullName'],
      purpose: 'case-work',
    });
    expect(Date.parse(police?.occurredAt ?? '')).not.toBeNaN();
    expect(logs?.laborWelfareAccessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'congan.hanoi', fields: ['rehabEpisodes'] })]),
    );
    expect(logs?.healthAccessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'congan.hanoi', fields: ['addictionDeterminations'] })]),
    );
    expect(Array.isArray(logs?.volunteersAccessLog)).toBe(true);

    // Reading the access log is itself an audited read, visible to the next look.
    const again = await system.graphql<Logs>(supervisor, LOGS, { id: person.id });
    expect(again.data?.person?.policeAccessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'giamsat.hanoi', fields: ['policeAccessLog'] })]),
    );
    expect(again.data?.person?.healthAccessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'giamsat.hanoi', fields: ['healthAccessLog'] })]),
    );
  });

  it.each(['congan.hanoi', 'yte.hanoi', 'phantich.hanoi'])('%s, not a supervisor, gets FORBIDDEN', async (username) => {
    const token = await system.login(username);
    const person = population[0];
    const response = await system.graphql(
      token,
      `query($id: ID!) { person(id: $id) { id policeAccessLog { username } healthAccessLog { username } } }`,
      { id: person?.id },
    );
    const codes = response.errors?.map((e) => e.extensions?.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(response.data ?? null)).not.toMatch(/username/);
  });

  it('loads in one batch per subgraph whatever the number of persons', async () => {
    const supervisor = await system.login('giamsat.hanoi');
    const LIST = `query($first: Int!) { persons(first: $first) { nodes { id policeAccessLog { username } healthAccessLog { username } } } }`;
    const count = async (first: number) => {
      system.resetQueryCounts();
      const response = await system.graphql<{ persons: { nodes: unknown[] } }>(supervisor, LIST, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data?.persons.nodes).toHaveLength(first);
      return { police: system.queryCount('police'), health: system.queryCount('health') };
    };
    expect(await count(40)).toEqual(await count(5));
  });
});
