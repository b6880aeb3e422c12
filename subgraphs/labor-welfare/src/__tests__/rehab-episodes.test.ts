import { testCaller } from '@rehab/server-kit';
import { ACCESS_MATRIX, FACILITY_UNITS, ROLES, generateDemoPopulation, type DemoPerson } from '@rehab/shared-schema';
import { demoEpisodeId, isLaborWelfareEmpty } from '../seed';
import { PERSON_ENTITIES, openHarness, personRefs, type Harness } from './harness';

const population = generateDemoPopulation({ persons: 300 });
let h: Harness;

beforeAll(async () => { h = await openHarness(population); });
afterAll(async () => { await h.close(); });

const EPISODE_FIELDS = 'rehabEpisodes { id kind status admittedOn plannedEndOn endedOn facility { code name } }';

interface EpisodeView {
  id: string; kind: string; status: string; admittedOn: string; plannedEndOn: string; endedOn: string | null;
  facility: { code: string; name: string } | null;
}
type Entities = { _entities: ({ rehabEpisodes: EpisodeView[] } | null)[] };

/** What the demo population says a person's rehab episodes are. */
function expectedEpisodes(p: DemoPerson): EpisodeView[] {
  const r = p.rehab;
  if (!r) return [];
  const facility = r.facilityCode ? FACILITY_UNITS.find((f) => f.code === r.facilityCode) : null;
  return [{
    id: demoEpisodeId(p.id), kind: r.kind, status: r.status, admittedOn: r.admittedOn, plannedEndOn: r.plannedEndOn,
    endedOn: r.endedOn, facility: facility ? { code: facility.code, name: facility.name } : null,
  }];
}

function find(test: (p: DemoPerson) => boolean, what: string): DemoPerson {
  const p = population.find(test);
  if (!p) throw new Error(`The demo population has no ${what}`);
  return p;
}

const compulsoryOpen = find((p) => p.rehab?.kind === 'COMPULSORY' && p.rehab.status === 'ADMITTED', 'compulsory resident');
const community = find((p) => p.rehab?.kind === 'VOLUNTARY_COMMUNITY', 'community rehab');
const completedInFacility = find((p) => p.rehab?.status === 'COMPLETED' && p.rehab.facilityCode !== null, 'completed facility rehab');
const noRehab = find((p) => p.rehab === null, 'person without rehab');

async function episodesOf(ids: readonly string[], role: (typeof ROLES)[number], unitCode = '01') {
  const result = await h.run(PERSON_ENTITIES(EPISODE_FIELDS), personRefs(ids), role, unitCode);
  expect(result.errors).toBeUndefined();
  return (result.data as Entities)._entities.map((e) => e?.rehabEpisodes);
}

describe('Person.rehabEpisodes', () => {
  it('returns what the demo population says, through _entities', async () => {
    const subjects = [compulsoryOpen, community, completedInFacility, noRehab];
    const got = await episodesOf(subjects.map((p) => p.id), 'supervisor');
    expect(got).toEqual(subjects.map(expectedEpisodes));
    expect(got[1]?.[0]?.facility).toBeNull();
    expect(got[3]).toEqual([]);
    expect(await isLaborWelfareEmpty(h.database.db)).toBe(false);
  });

  it('resolves a Facility reference by code', async () => {
    const result = await h.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { code kind } } }`,
      { r: [{ __typename: 'Facility', code: 'CSCN5' }, { __typename: 'Facility', code: 'NOPE' }] }, 'volunteer');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ code: 'CSCN5', kind: 'PUBLIC_VOLUNTARY' }, null] });
  });
});

/**
 * Access, generated from this agency's rules in the access matrix: for every sensitive field and every role,
 * an allowed role reads the demo value; a denied one gets FORBIDDEN at the first field
 * of the route it may not read, and no value.
 */
describe('field access by role', () => {
  /** How to reach a type's fields from Person (one step per field). */
  const PARENT_FIELD: Record<string, string> = { RehabEpisode: 'Person.rehabEpisodes' };
  const LIST_FIELDS = new Set(['Person.rehabEpisodes']);
  const SUBSELECTION: Record<string, string[]> = { 'Person.rehabEpisodes': ['id'], 'RehabEpisode.facility': ['code', 'name'] };

  function route(coordinate: string): string[] {
    const [type] = coordinate.split('.') as [string];
    if (type === 'Person') return [coordinate];
    const parent = PARENT_FIELD[type];
    if (!parent) throw new Error(`No route from Person to ${coordinate}: add it to PARENT_FIELD`);
    return [...route(parent), coordinate];
  }

  const fieldOf = (coordinate: string) => coordinate.split('.')[1] as string;

  function selection(chain: readonly string[]): string {
    const [head, ...rest] = chain as [string, ...string[]];
    const inner = rest.length > 0 ? selection(rest) : (SUBSELECTION[head] ?? []).join(' ');
    return inner ? `${fieldOf(head)} { ${inner} }` : fieldOf(head);
  }

  /** Response path of the last field of `chain` (lists: their first item). */
  function responsePath(chain: readonly string[]): (string | number)[] {
    const path: (string | number)[] = ['_entities', 0];
    chain.forEach((c, i) => {
      path.push(fieldOf(c));
      if (LIST_FIELDS.has(c) && i < chain.length - 1) path.push(0);
    });
    return path;
  }

  function at(value: unknown, path: readonly (string | number)[]): unknown {
    return path.reduce<unknown>((v, key) => (v === null || v === undefined ? undefined : (v as Record<string | number, unknown>)[key]), value);
  }

  function project(value: unknown, keys: readonly string[] | undefined): unknown {
    if (!keys || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => project(v, keys));
    return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]]));
  }

  const subject = completedInFacility;
  const expected = { _entities: [{ rehabEpisodes: expectedEpisodes(subject) }] };
  const sensitive = Object.entries(ACCESS_MATRIX)
    .filter(([, rule]) => rule.owner === 'labor-welfare' && rule.sensitive).map(([c]) => c);
  const cases = sensitive.flatMap((coordinate) => ROLES.map((role) => [coordinate, role] as const));

  it('covers every sensitive field', () => {
    expect(sensitive).toEqual(expect.arrayContaining(['Person.rehabEpisodes', 'RehabEpisode.status', 'RehabEpisode.facility']));
  });

  it.each(cases)('%s for %s', async (coordinate, role) => {
    const chain = route(coordinate);
    const result = await h.run(PERSON_ENTITIES(selection(chain)), personRefs([subject.id]), role);
    const denied = chain.find((c) => !ACCESS_MATRIX[c]?.read.includes(role));
    const path = responsePath(chain);
    if (!denied) {
      expect(result.errors).toBeUndefined();
      const value = at(result.data, path);
      expect(value).toEqual(project(at(expected, path), SUBSELECTION[coordinate]));
      expect(value).not.toBeUndefined();
    } else {
      const deniedPath = responsePath(chain.slice(0, chain.indexOf(denied) + 1));
      const error = result.errors?.find((e) => e.extensions?.code === 'FORBIDDEN');
      expect(error?.path).toEqual(deniedPath);
      // rehabEpisodes is nullable (so an outage does not null the whole Person): a denial stops there.
      expect((result.data as Entities)._entities[0]).toEqual({ rehabEpisodes: null });
    }
  });
});

describe('record scope', () => {
  const subject = compulsoryOpen;
  const commune = subject.currentResidence.unitCode;
  const district = commune.slice(0, 3);
  const otherDistrictCommune = `${district === '001' ? '002' : '001'}01`;
  const facility = subject.rehab?.facilityCode as string;
  const otherFacility = facility === 'CSCN1' ? 'CSCN2' : 'CSCN1';
  const visible = async (role: 'commune_official' | 'labour_officer' | 'facility_staff', unit: string) =>
    (await episodesOf([subject.id], role, unit))[0]?.length;

  it('shows an episode to the residence commune and its district', async () => {
    expect(await visible('commune_official', commune)).toBe(1);
    expect(await visible('labour_officer', district)).toBe(1);
  });

  it('hides it from a commune of another district', async () => {
    expect(await visible('commune_official', otherDistrictCommune)).toBe(0);
  });

  it('shows it to the staff of its facility only', async () => {
    expect(await visible('facility_staff', facility)).toBe(1);
    expect(await visible('facility_staff', otherFacility)).toBe(0);
  });

  it('shows community rehab to no facility', async () => {
    for (const f of FACILITY_UNITS) expect((await episodesOf([community.id], 'facility_staff', f.code))[0]).toEqual([]);
  });
});

describe('cost and audit', () => {
  const SELECTION = 'rehabEpisodes { id kind status facility { code name kind unit { code } } }';
  const withFacility = population.filter((p) => p.rehab?.facilityCode);

  async function statementsFor(persons: readonly DemoPerson[]): Promise<number> {
    h.database.source.queries.reset();
    const result = await h.run(PERSON_ENTITIES(SELECTION), personRefs(persons.map((p) => p.id)), 'supervisor');
    expect(result.errors).toBeUndefined();
    const got = (result.data as Entities)._entities;
    expect(got).toHaveLength(persons.length);
    expect(got.every((e) => e?.rehabEpisodes.length === 1)).toBe(true);
    return h.database.source.queries.total;
  }

  it('loads 10 and 100 persons with the same small number of statements', async () => {
    expect(withFacility.length).toBeGreaterThanOrEqual(100);
    const ten = await statementsFor(withFacility.slice(0, 10));
    const hundred = await statementsFor(withFacility.slice(0, 100));
    // episodes, facilities, units, audit insert
    expect(ten).toBeLessThanOrEqual(4);
    expect(hundred).toBe(ten);
  });

  it('audits who read which person\'s episodes and which fields', async () => {
    const caller = testCaller('court_clerk');
    await h.runAs(PERSON_ENTITIES('rehabEpisodes { kind status }'), personRefs([compulsoryOpen.id]), caller);
    const rows = await h.database.db.query(
      'SELECT role, person_id, entity_type, fields FROM audit_log WHERE request_id = $1 ORDER BY entity_type', [caller.requestId]);
    expect(rows).toEqual([
      { role: 'court_clerk', person_id: compulsoryOpen.id, entity_type: 'Person', fields: ['rehabEpisodes'] },
      { role: 'court_clerk', person_id: compulsoryOpen.id, entity_type: 'RehabEpisode', fields: ['kind', 'status'] },
    ]);
  });
});

describe('rehab_episode constraints', () => {
  const stranger = '00000000-0000-4000-8000-000000000001';
  const insert = (id: string, status: string, endedOn: string | null) => h.database.db.query(
    `INSERT INTO rehab_episode (id, person_id, kind, status, facility_code, residence_unit_code, facility_owner_path,
      residence_owner_path, admitted_on, planned_end_on, ended_on)
     VALUES ($1, $2, 'COMPULSORY', $3, 'CSCN1', '00101', '01.CSCN1', '01.001.00101', '2025-01-01', '2026-01-01', $4)`,
    [id, stranger, status, endedOn]);

  it('allows at most one open episode per person', async () => {
    await insert('00000000-0000-4000-8000-0000000000a1', 'ADMITTED', null);
    await expect(insert('00000000-0000-4000-8000-0000000000a2', 'ABSCONDED', null)).rejects.toThrow(/rehab_episode_one_open_per_person/);
    await expect(insert('00000000-0000-4000-8000-0000000000a3', 'COMPLETED', '2025-12-31')).resolves.toBeDefined();
  });

  it('refuses a closed episode without an end date', async () => {
    await expect(insert('00000000-0000-4000-8000-0000000000a4', 'TERMINATED', null)).rejects.toThrow(/rehab_episode_closed_has_end/);
  });
});
