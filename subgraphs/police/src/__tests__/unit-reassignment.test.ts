import { PERSON_DIRECTORY, PERSON_UNIT_ASSIGNED_NOTICE } from '@rehab/server-kit';
import { generateDemoPopulation, units, type DemoPerson } from '@rehab/shared-schema';
import { suggestFromAddress, candidatesOf } from '../resolvers/reassignment';
import { dataOf, errorOf, openHarness, outOfScope, type Harness } from './harness';

const population = generateDemoPopulation({ persons: 400 });
/** People recorded before the reform in a split commune of Hà Nội and not yet assigned: the worklist. */
const waiting = population.filter(
  (p) => p.currentResidence.unitPath.startsWith('01.') && units().isSplit(p.currentResidence.unitPath),
);
let h: Harness;

beforeAll(async () => {
  h = await openHarness(population);
});

afterAll(async () => {
  await h.close();
});

const WORKLIST = `query($first: Int, $after: String) { unitReassignmentWorklist(first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage }
  nodes { person { id fullName } formerUnit { code name } candidates { code } suggested { code } suggestionReason addressLine } } }`;
const ASSIGN = `mutation($p: ID!, $v: Int!, $to: ID!) { assignPersonToUnit(personId: $p, expectedVersion: $v, toUnitCode: $to) {
  id version currentResidence { unit { code name path } addressLine } } }`;
const PERSON = 'query($id: ID!) { person(id: $id) { id drugUserManagements { id } } }';

interface Case {
  person: { id: string; fullName: string };
  formerUnit: { code: string; name: string };
  candidates: { code: string }[];
  suggested: { code: string } | null;
  suggestionReason: string | null;
}
interface Worklist {
  unitReassignmentWorklist: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: Case[] };
}

describe('people of split communes', () => {
  it("wait in the province's worklist with the new communes of their old one and a suggestion from the address", async () => {
    expect(waiting.length).toBeGreaterThan(0);
    const all: Case[] = [];
    let after: string | undefined;
    do {
      const page: Worklist['unitReassignmentWorklist'] = dataOf<Worklist>(
        await h.run(WORKLIST, { first: 7, after }, 'police_officer', '01'),
      ).unitReassignmentWorklist;
      all.push(...page.nodes);
      expect(page.totalCount).toBe(waiting.length);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(all.map((c) => c.person.id).sort()).toEqual(waiting.map((p) => p.id).sort());
    for (const c of all) {
      const person = waiting.find((p) => p.id === c.person.id) as DemoPerson;
      expect(c.formerUnit.code).toBe(person.formerUnit.unitCode);
      expect(c.candidates.map((u) => u.code)).toContain(person.home.unitCode);
      expect(c.candidates.length).toBeGreaterThan(1);
      // The demo address names the neighbourhood after the new commune: the suggestion is right.
      expect(c.suggested?.code).toBe(person.home.unitCode);
    }
    // Each listed person's read is audited.
    const [{ n }] = await h.database.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'UnitReassignmentCase'`,
    );
    expect(n).toBeGreaterThanOrEqual(waiting.length);
  });

  it("is the province's work: a commune officer, another province and other roles are refused", async () => {
    expect(errorOf(await h.run(WORKLIST, {}, 'police_officer', '00004')).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(WORKLIST, {}, 'commune_official', '01')).code).toBe('FORBIDDEN');
    const laoCai = dataOf<Worklist>(await h.run(WORKLIST, { first: 100 }, 'police_officer', '15')).unitReassignmentWorklist;
    expect(laoCai.nodes.some((c) => waiting.some((p) => p.id === c.person.id))).toBe(false);
  });

  it('assigns a person to a new commune: the registry moves, the other agencies are told, audited; the new commune sees them', async () => {
    const person = waiting[0] as DemoPerson;
    const to = person.home.unitCode;
    // Before: neither the new commune's police see the person.
    expect(outOfScope(await h.run(PERSON, { id: person.id }, 'police_officer', to))).toBe(true);
    const before = await h.snapshot();
    const wrong = candidatesOf(units().byUnitPath(person.formerUnit.unitPath) as never).find((c) => c.code !== to);
    expect(
      errorOf(await h.run(ASSIGN, { p: person.id, v: 1, to: '00070' === to ? '00004' : '00070' }, 'police_officer', '01')),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toUnitCode' });
    expect(errorOf(await h.run(ASSIGN, { p: person.id, v: 9, to }, 'police_officer', '01')).code).toBe('CONFLICT');
    expect(errorOf(await h.run(ASSIGN, { p: person.id, v: 1, to }, 'police_officer', to)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(ASSIGN, { p: person.id, v: 1, to }, 'police_officer', '15')).code).toBe('NOT_FOUND');
    expect(await h.snapshot()).toBe(before);
    const moved = dataOf<{ assignPersonToUnit: { version: number; currentResidence: { unit: { code: string; path: string } } } }>(
      await h.run(ASSIGN, { p: person.id, v: 1, to }, 'police_officer', '01'),
    ).assignPersonToUnit;
    expect(moved).toMatchObject({ version: 2, currentResidence: { unit: { code: to, path: person.home.unitPath } } });
    expect(wrong).toBeDefined();
    const seen = dataOf<{ person: { id: string } | null }>(await h.run(PERSON, { id: person.id }, 'police_officer', to)).person;
    expect(seen?.id).toBe(person.id);
    if (wrong) expect(outOfScope(await h.run(PERSON, { id: person.id }, 'police_officer', wrong.code), to)).toBe(true);
    const outbox = await h.database.db.query<
      { destination: string; payload: { personId: string; toUnitCode: string; fromUnitPath: string } }[]
    >(`SELECT destination, payload FROM outbox_notice WHERE topic = 'person.unit-assigned'`);
    expect(outbox.map((o) => o.destination).sort()).toEqual([...PERSON_UNIT_ASSIGNED_NOTICE.to].sort());
    expect(
      outbox.every(
        (o) =>
          o.payload.personId === person.id &&
          o.payload.toUnitCode === to &&
          o.payload.fromUnitPath === person.formerUnit.unitPath,
      ),
    ).toBe(true);
    // The agencies' person directories learn the new residence, so their first records of the person are the new commune's to make.
    const directory = await h.database.db.query<
      { destination: string; entry: { unitCode: string; unitPath: string; version: number } }[]
    >(
      `SELECT destination, payload->'persons'->0 AS entry FROM outbox_notice
      WHERE topic = 'person.directory' AND payload->'persons' @> $1::jsonb`,
      [JSON.stringify([{ personId: person.id }])],
    );
    expect(directory.map((d) => d.destination).sort()).toEqual([...PERSON_DIRECTORY.to].sort());
    for (const d of directory) expect(d.entry).toMatchObject({ unitCode: to, unitPath: person.home.unitPath, version: 2 });
    const audit = await h.database.db.query<{ action: string; fields: string[] }[]>(
      `SELECT action, fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE'`,
      [person.id],
    );
    expect(audit).toEqual([{ action: 'CHANGE', fields: ['currentResidence'] }]);
    // Off the worklist; a second assignment is an illegal step.
    const after = dataOf<Worklist>(await h.run(WORKLIST, { first: 100 }, 'police_officer', '01')).unitReassignmentWorklist;
    expect(after.totalCount).toBe(waiting.length - 1);
    expect(errorOf(await h.run(ASSIGN, { p: person.id, v: 2, to }, 'police_officer', '01')).code).toBe('ILLEGAL_TRANSITION');
  });

  it('suggests only when the address names exactly one candidate', () => {
    const kimMa = units().at('00028', '2025-01-01');
    if (!kimMa) throw new Error('Kim Mã');
    const candidates = candidatesOf(kimMa);
    expect(suggestFromAddress('Số 5 ngõ 12 phố Kim Mã, tổ dân phố Giảng Võ 3', kimMa, candidates)).toMatchObject({
      unit: { code: '00025' },
      reason: 'Giảng Võ',
    });
    expect(suggestFromAddress('Số 5 phố Kim Mã', kimMa, candidates)).toBeNull();
    expect(suggestFromAddress('Khu Giảng Võ và Ngọc Hà', kimMa, candidates)).toBeNull();
  });
});
