import type { DataSource } from 'typeorm';
import { openTestDatabase } from '@rehab/server-kit';
import { addMonths, generateDemoPopulation, type DemoPerson } from '@rehab/shared-schema';
import { demoDossierId, demoEpisodeId, demoPostRehabId, seedLaborWelfare } from '../seed';
import { createLaborWelfareDataSource } from '../server';
import { PERSON_ENTITIES, openHarness, personRefs, type Harness } from './harness';

const population = generateDemoPopulation({ persons: 300 });
let h: Harness;

beforeAll(async () => {
  h = await openHarness(population);
});
afterAll(async () => {
  await h.close();
});

function find(test: (p: DemoPerson) => boolean, what: string): DemoPerson {
  const p = population.find(test);
  if (!p) throw new Error(`The demo population has no ${what}`);
  return p;
}

type View = Record<string, unknown>;
async function person(p: DemoPerson, selection: string): Promise<View> {
  const result = await h.run(PERSON_ENTITIES(selection), personRefs([p.id]), 'supervisor');
  expect(result.errors).toBeUndefined();
  return (result.data as { _entities: View[] })._entities[0] as View;
}

describe('seeded legal path', () => {
  it('gives every compulsory episode the court dossier it was admitted from', async () => {
    const p = find((x) => x.rehab?.kind === 'COMPULSORY' && x.rehab.status === 'ADMITTED', 'compulsory resident');
    const rehab = p.rehab as NonNullable<DemoPerson['rehab']>;
    const got = await person(
      p,
      `rehabEpisodes { id termMonths phase dossier { id } }
      compulsoryRehabDossiers { id status admittedOn escortedOn subjectDateOfBirth decision { outcome termMonths facility { code } decidedOn }
        episode { id } events { action } }`,
    );
    const dossier = (got.compulsoryRehabDossiers as View[]).find((d) => d.id === demoDossierId(p.id));
    const term = (got.rehabEpisodes as View[])[0]?.termMonths as number;
    expect(addMonths(rehab.admittedOn, term)).toBe(rehab.plannedEndOn);
    expect(dossier).toMatchObject({
      status: 'ADMITTED',
      admittedOn: rehab.admittedOn,
      escortedOn: rehab.admittedOn,
      subjectDateOfBirth: p.dateOfBirth,
      decision: { outcome: 'APPROVED', termMonths: term, facility: { code: rehab.facilityCode } },
      episode: { id: demoEpisodeId(p.id) },
    });
    expect(((dossier?.decision as View).decidedOn as string) < rehab.admittedOn).toBe(true);
    expect(dossier?.events).toEqual([{ action: 'IMPORT' }]);
    expect((got.rehabEpisodes as View[])[0]).toMatchObject({ id: demoEpisodeId(p.id), dossier: { id: demoDossierId(p.id) } });
  });

  it('says where each community rehab takes place: some at a rehab house, most at home; never for facility rehab', async () => {
    const rows = await h.database.db.query<{ kind: string; setting: string | null; n: number }[]>(
      `SELECT kind, community_setting AS setting, count(*)::int AS n FROM rehab_episode GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const community = rows.filter((r) => r.kind === 'VOLUNTARY_COMMUNITY');
    expect(community.map((r) => r.setting)).toEqual(['HOME', 'REHAB_HOUSE']);
    const [home, house] = community.map((r) => r.n) as [number, number];
    expect(house).toBeGreaterThan(0);
    expect(home).toBeGreaterThan(house);
    expect(rows.filter((r) => r.kind !== 'VOLUNTARY_COMMUNITY').every((r) => r.setting === null)).toBe(true);
  });

  it('gives most community rehabs an individual plan, with a caregiver at home, and leaves some awaiting one', async () => {
    const rows = await h.database.db.query<{ planned: boolean; setting: string; caregiver: boolean; n: number }[]>(
      `SELECT p.episode_id IS NOT NULL AS planned, e.community_setting AS setting, p.caregiver_name IS NOT NULL AS caregiver,
         count(*)::int AS n
       FROM rehab_episode e LEFT JOIN community_rehab_plan p ON p.episode_id = e.id
       WHERE e.kind = 'VOLUNTARY_COMMUNITY' GROUP BY 1, 2, 3`,
    );
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
    expect(count((r) => r.planned)).toBeGreaterThan(count((r) => !r.planned));
    expect(count((r) => !r.planned)).toBeGreaterThan(0);
    expect(count((r) => r.planned && r.setting === 'HOME' && !r.caregiver)).toBe(0);
    const [bad] = await h.database.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM community_rehab_plan p JOIN rehab_episode e ON e.id = p.episode_id
       WHERE p.prepared_on < e.admitted_on OR (p.phases->0->>'startsOn')::date <> e.admitted_on
         OR (p.phases->-1->>'startsOn')::date >= e.planned_end_on`,
    );
    expect(bad.n).toBe(0);
  });

  it('opens the post-rehab case the population describes, with its outcome', async () => {
    for (const [what, test, status] of [
      [
        'under management',
        (x: DemoPerson) => x.postRehab?.completed === false && x.postRehab.relapsedOn === null,
        'UNDER_MANAGEMENT',
      ],
      ['completed', (x: DemoPerson) => x.postRehab?.completed === true, 'COMPLETED'],
      ['relapsed', (x: DemoPerson) => Boolean(x.postRehab?.relapsedOn), 'RELAPSED'],
    ] as const) {
      const p = find(test, what);
      const post = p.postRehab as NonNullable<DemoPerson['postRehab']>;
      const got = await person(
        p,
        'postRehabCases { id status openedOn decisionOn endsOn periodMonths relapsedOn completedOn episode { id } }',
      );
      expect(got.postRehabCases).toEqual([
        {
          id: demoPostRehabId(p.id),
          status,
          openedOn: p.rehab?.endedOn,
          decisionOn: post.decisionOn,
          endsOn: post.endsOn,
          periodMonths: 12,
          relapsedOn: post.relapsedOn,
          completedOn: status === 'COMPLETED' ? post.endsOn : null,
          episode: { id: demoEpisodeId(p.id) },
        },
      ]);
    }
  });

  it('starts a repeat dossier for a person who relapsed after compulsory rehab', async () => {
    const p = find((x) => Boolean(x.postRehab?.relapsedOn) && x.rehab?.kind === 'COMPULSORY', 'relapse after compulsory rehab');
    const got = await person(p, 'compulsoryRehabDossiers { id ground repeat priorDecisionRef }');
    expect(got.compulsoryRehabDossiers).toEqual(
      expect.arrayContaining([
        { id: demoDossierId(p.id, 1), ground: 'RELAPSED_DURING_POST_REHAB', repeat: true, priorDecisionRef: expect.any(String) },
      ]),
    );
  });

  it('has dossiers at a regional court and people held at a facility while pending', async () => {
    const [row] = await h.database.db.query<[Record<string, number>]>(`SELECT
      (SELECT count(*) FROM compulsory_rehab_dossier WHERE status = 'FORWARDED_TO_COURT' AND court_unit_code IS NOT NULL)::int AS submitted,
      (SELECT count(*) FROM compulsory_rehab_dossier WHERE interim_measure = 'HELD_AT_FACILITY')::int AS held,
      (SELECT count(*) FROM rehab_episode WHERE status = 'TERMINATED')::int AS terminated,
      (SELECT count(*) FROM reintegration_support)::int AS supports`);
    expect(row.submitted).toBeGreaterThan(0);
    expect(row.held).toBeGreaterThan(0);
    expect(row.terminated).toBeGreaterThan(0);
    expect(row.supports).toBeGreaterThan(0);
  });

  it('is the same on every seed', async () => {
    const again = await openTestDatabase('labor-welfare', createLaborWelfareDataSource);
    try {
      await seedLaborWelfare(again.db, population);
      const dump = (db: DataSource) =>
        db.query(`SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (
          SELECT id, person_id, status, started_on, decided_on, term_months, interim_measure FROM compulsory_rehab_dossier) t) AS dossiers,
        (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (SELECT id, status, phase, leave_due_on, absconded_since FROM rehab_episode) t) AS episodes,
        (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (SELECT id, kind, amount_vnd, outcome FROM reintegration_support) t) AS supports`);
      expect(await dump(again.db)).toEqual(await dump(h.database.db));
    } finally {
      await again.close();
    }
  });
});
