import { randomBytes, randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { unitByCode, type Agency, type Caller, type Role, type SubgraphName } from '@rehab/shared-schema';
import { dropDatabase, openDatabase, ownerDataSource, type CountedDataSource, type DatabaseOwner } from './db';
import type { Notice, NoticeHandler } from './outbox/notice';
import { recordPersonDirectory } from './person-directory';

/** Environment giving this test file databases of its own on the test server. */
export function testDatabaseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: `t_${randomBytes(5).toString('hex')}` };
  // The suite's migrated templates (test/global-setup.ts), when it made them.
  if (process.env.REHAB_TEST_TEMPLATE_PREFIX) env.DATABASE_TEMPLATE_PREFIX = process.env.REHAB_TEST_TEMPLATE_PREFIX;
  return env;
}

export interface TestDatabase {
  source: CountedDataSource;
  /** The application's connection (restricted role), as the subgraph uses it. */
  db: DataSource;
  env: NodeJS.ProcessEnv;
  /** A connection as the database's owner (migrations, schema changes), opened on first use. */
  owner(): Promise<DataSource>;
  close(): Promise<void>;
}

/**
 * Creates, migrates and (on close) drops a throwaway database for one owner. `db`
 * connects as the application's restricted role, like the running system.
 */
export async function openTestDatabase(
  owner: DatabaseOwner,
  createSource: (env: NodeJS.ProcessEnv) => CountedDataSource,
  env: NodeJS.ProcessEnv = testDatabaseEnv(),
): Promise<TestDatabase> {
  const source = createSource(env);
  const db = await openDatabase(source, owner, env);
  let ownerDb: Promise<DataSource> | undefined;
  return {
    source,
    db,
    env,
    owner: () => {
      ownerDb ??= ownerDataSource(source, owner, env).initialize();
      return ownerDb;
    },
    close: async () => {
      await db.destroy();
      if (ownerDb) await (await ownerDb).destroy();
      await dropDatabase(owner, env);
    },
  };
}

const AGENCY_OF: Record<Role, Agency> = {
  police_officer: 'police',
  commune_official: 'commune',
  court_clerk: 'court',
  labour_officer: 'labor-welfare',
  facility_staff: 'police',
  health_worker: 'health',
  volunteer: 'volunteers',
  front_officer: 'volunteers',
  analyst: 'analysis',
  supervisor: 'analysis',
};

/** A caller as the gateway would sign it, for tests: role at a unit (Hà Nội by default). */
export function testCaller(role: Role, unitCode = '01', overrides: Partial<Caller> = {}): Caller {
  const unit = unitByCode(unitCode);
  if (!unit) throw new Error(`Unknown unit ${unitCode}`);
  return {
    userId: `test-${role}`,
    username: `test.${role}`,
    agency: AGENCY_OF[role],
    role,
    unitCode,
    unitPath: unit.path,
    purpose: 'test',
    requestId: randomBytes(6).toString('hex'),
    ...overrides,
  };
}

/**
 * Undoes every migration run after `name` (common ones added later included), so a
 * migration test reaches its own migration however many come after it.
 */
export async function undoMigrationsAfter(owner: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await owner.query<{ name: string }[]>('SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1');
    if (!last) throw new Error(`Migration ${name} was never run`);
    if (last.name === name) return;
    await owner.undoLastMigration({ transaction: 'each' });
  }
}

/**
 * Records persons in a test database's person directory living in `unitCode` today, as if
 * police had announced their registration; returns the ids.
 */
export async function announceTestPersons(db: DataSource, unitCode: string, ...personIds: string[]): Promise<string[]> {
  const unit = unitByCode(unitCode);
  if (!unit) throw new Error(`Unknown unit ${unitCode}`);
  await recordPersonDirectory(
    db,
    personIds.map((personId) => ({
      personId,
      unitCode: unit.code,
      unitPath: unit.path,
      mergedInto: null,
      version: 1,
      recordedAt: new Date().toISOString(),
    })),
  );
  return personIds;
}

/** Log lines a test reads: give it to createLogger as the destination; it keeps each JSON line. */
export class CapturedLog implements DestinationStream {
  readonly lines: Record<string, unknown>[] = [];
  readonly text: string[] = [];
  write(line: string): void {
    this.text.push(line);
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
    return this.lines.find(predicate);
  }
}

/** A notice from `source` to `destination`, as the outbox delivers it. */
export function testNotice(destination: SubgraphName, source: SubgraphName, topic: string, payload: unknown): Notice {
  return { id: randomUUID(), topic, source, destination, payload, createdAt: new Date().toISOString() };
}

/** Runs a subgraph's handler of the notice's topic in one transaction, as its notice route does. */
export async function deliverTestNotice(
  db: DataSource,
  handlers: Readonly<Record<string, NoticeHandler>>,
  notice: Notice,
): Promise<void> {
  const handler = handlers[notice.topic];
  if (!handler) throw new Error(`no handler for ${notice.topic}`);
  await db.transaction((manager) => handler(manager, notice));
}
