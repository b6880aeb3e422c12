/**
 * A new subgraph end to end: `npm run new:subgraph`'s files, scaffolded into a throwaway
 * folder, composed into a supergraph with the registered subgraphs, its migration run on
 * real PostgreSQL, served through the real gateway over HTTP, read by a role its access
 * rules allow and refused to one they do not.
 *
 * The folder is subgraphs/.<name>/: folders under subgraphs/ starting with a dot are not
 * subgraphs (the registry check, composition, workspaces and jest ignore them), so parallel
 * test files never see it. Nothing is registered and the committed supergraph is untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseEnv } from '@rehab/server-kit';
import {
  ACCESS_MATRIX,
  SUBGRAPHS_DIR,
  accessMatrixWith,
  canRead,
  composeSupergraph,
  generateDemoPopulation,
  registryProblems,
  todayInHanoi,
} from '@rehab/shared-schema';
import { DEMO_ACCOUNTS } from '@rehab/gateway';
import { InProcessSystem, namesOf, subgraphEntry, writeSubgraph } from '@rehab/ops';

const name = `scratch-x${randomBytes(4).toString('hex')}`;
const names = namesOf(name);
const dir = join(SUBGRAPHS_DIR, `.${name}`);
const scratch = mkdtempSync(join(tmpdir(), 'new-subgraph-'));
// Not the suite's seeded template's size: the system seeds every database, the throwaway's person directory included.
const PERSONS = 120;
const person = generateDemoPopulation({ persons: PERSONS }).find(
  (p) => p.currentResidence.unitCode === '00004' && p.unitAssignment === null,
);

let system: InProcessSystem;
let matrix: ReturnType<typeof accessMatrixWith>;

beforeAll(async () => {
  writeSubgraph(dir, name);
  const composed = composeSupergraph([{ name, dir, url: 'http://localhost:1/graphql' }]);
  if (!composed.ok) throw new Error(`Composition failed:\n${composed.errors.join('\n')}`);
  const supergraphPath = join(scratch, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  matrix = accessMatrixWith([{ name, dir }]);
  // The scaffolded TypeScript, loaded as the system loads a registered subgraph's package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(join(dir, 'src', 'server')) as { subgraph?: unknown };
  system = await InProcessSystem.start({
    env: testDatabaseEnv(),
    persons: PERSONS,
    dropOnStop: true,
    webDir: null,
    supergraphPath,
    matrix,
    extraSubgraphs: [subgraphEntry(name, loaded.subgraph, dir)],
  });
});

afterAll(async () => {
  await system.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const READ = `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fullName ${names.field} { summary openedOn unit { code name } recordedBy } } }`;
const RECORD = `mutation($p: ID!, $d: Date!, $s: String!) { ${names.mutation}(personId: $p, openedOn: $d, summary: $s) { id summary } }`;

describe('a new subgraph scaffolded by new:subgraph', () => {
  it('is invisible to the registry check while it exists (a dot folder)', () => {
    expect(registryProblems()).toEqual([]);
    expect(ACCESS_MATRIX[`Person.${names.field}`]).toBeUndefined();
  });

  it('serves its Person field and mutation through the gateway to a role its rules allow', async () => {
    if (!person) throw new Error('no demo person in 00004');
    const token = await system.login('ubnd.phuongbadinh');
    const recorded = await system.graphql<Record<string, { id: string; summary: string }>>(token, RECORD, {
      p: person.id,
      d: todayInHanoi(),
      s: 'Hồ sơ thử nghiệm',
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.[names.mutation]?.summary).toBe('Hồ sơ thử nghiệm');
    const read = await system.graphql<{ personByIdentificationNumber: Record<string, unknown> }>(token, READ, {
      n: person.identificationNumber,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data?.personByIdentificationNumber).toEqual({
      fullName: person.fullName,
      [names.field]: [
        {
          summary: 'Hồ sơ thử nghiệm',
          openedOn: todayInHanoi(),
          unit: { code: '00004', name: expect.any(String) },
          recordedBy: 'ubnd.phuongbadinh',
        },
      ],
    });
    // Its changes and sensitive reads are audited in its own database, as in every subgraph.
    const audit = await system.dbs
      .subgraph(name)
      .db.query<{ action: string }[]>('SELECT action FROM audit_log WHERE person_id = $1 ORDER BY id', [person.id]);
    expect(audit.map((a) => a.action)).toEqual(['CHANGE', 'READ']);
  });

  it('refuses its field and its mutation to a role without the right', async () => {
    if (!person) throw new Error('no demo person in 00004');
    // An account of the person's city that may look the person up but not read this subgraph's field nor call its mutation.
    const account = DEMO_ACCOUNTS.find(
      (a) =>
        ['01', '00004'].includes(a.unitCode) &&
        canRead(matrix, a.role, 'Query.personByIdentificationNumber') &&
        !canRead(matrix, a.role, `Person.${names.field}`) &&
        !canRead(matrix, a.role, `Mutation.${names.mutation}`),
    );
    if (!account) throw new Error('no demo account without the right');
    const token = await system.login(account.username);
    const read = await system.graphql<{ personByIdentificationNumber: Record<string, unknown> }>(token, READ, {
      n: person.identificationNumber,
    });
    expect(read.data?.personByIdentificationNumber).toEqual({ fullName: person.fullName, [names.field]: null });
    expect(read.errors?.map((e) => ({ code: e.extensions?.code, path: e.path }))).toEqual([
      { code: 'FORBIDDEN', path: ['personByIdentificationNumber', names.field] },
    ]);
    const before = await system.dbs.subgraph(name).db.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM ${names.table}`);
    const refused = await system.graphql(token, RECORD, { p: person.id, d: todayInHanoi(), s: 'x' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await system.dbs.subgraph(name).db.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM ${names.table}`);
    expect(after[0].n).toBe(before[0].n);
  });
});
