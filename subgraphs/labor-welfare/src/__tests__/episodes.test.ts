import { generateDemoPopulation } from '@rehab/shared-schema';
import { demoProviderId } from '../seed';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  DISTRICT,
  FACILITY,
  M,
  OTHER_FACILITY,
  STAFF,
  VOLUNTARY_ONLY_FACILITY,
  admitted,
  approved,
  fails,
  footprint,
  noticesFor,
  ok,
  resident,
  runAs,
  type Actor,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

async function personOf(episodeId: unknown): Promise<string> {
  const [row] = await h.database.db.query<[{ person_id: string }]>('SELECT person_id FROM rehab_episode WHERE id = $1', [
    episodeId,
  ]);
  return row.person_id;
}

describe('compulsory admission', () => {
  it('admits from an approved dossier: planned end from the term, detox phase, dossier closed, police told', async () => {
    const d = await approved(h, 18, '2025-03-20');
    const e = await ok(h, STAFF, M.admit, { id: d.id, v: d.version, f: FACILITY, on: '2025-03-28' });
    expect(e).toMatchObject({
      kind: 'COMPULSORY',
      status: 'ADMITTED',
      admittedOn: '2025-03-28',
      plannedEndOn: '2026-09-28',
      termMonths: 18,
      daysHeld: 0,
      phase: 'INTAKE_CLASSIFICATION',
      phaseSince: '2025-03-28',
      facility: { code: FACILITY },
      residenceUnit: { code: COMMUNE },
      dossier: { id: d.id, status: 'ADMITTED' },
    });
    const person = await personOf(e.id);
    expect(await noticesFor(h, 'rehab.admitted', person)).toEqual([
      {
        topic: 'rehab.admitted',
        destination: 'police',
        payload: { personId: person, episodeId: e.id, admittedOn: '2025-03-28', kind: 'COMPULSORY', facilityCode: FACILITY },
      },
    ]);
  });

  it('refuses a second open episode for the same person and changes nothing', async () => {
    const e = await admitted(h);
    const person = await personOf(e.id);
    const d = await approved(h, 12, '2025-03-20');
    // The same person gets a second approved dossier only through a merge; simulate it at the database level.
    await h.database.db.query('UPDATE compulsory_rehab_dossier SET person_id = $1 WHERE id = $2', [person, d.id]);
    const before = await footprint(h);
    const error = await fails(h, STAFF, M.admit, { id: d.id, v: d.version, f: FACILITY, on: '2025-04-02' });
    expect(error.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(error.extensions?.i18n).toMatchObject({ en: 'The person already has an open rehab episode' });
    expect(await footprint(h)).toEqual(before);
    const voluntary = await fails(h, STAFF, M.admitVoluntary, {
      input: { personId: person, residenceUnitCode: COMMUNE, facilityCode: FACILITY, admittedOn: '2025-05-01', termMonths: 6 },
    });
    expect(voluntary.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('life in the facility', () => {
  it('advances phases forward only', async () => {
    const e = await admitted(h);
    const p1 = await ok(h, STAFF, M.phase, { id: e.id, v: e.version, phase: 'EDUCATION_BEHAVIOUR', on: '2025-04-20' });
    expect(p1).toMatchObject({ phase: 'EDUCATION_BEHAVIOUR', phaseSince: '2025-04-20' });
    const back = await fails(h, STAFF, M.phase, { id: e.id, v: p1.version, phase: 'DETOX', on: '2025-05-01' });
    expect(back.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'phase' });
    const early = await fails(h, STAFF, M.phase, {
      id: e.id,
      v: p1.version,
      phase: 'VOCATIONAL_LABOUR_THERAPY',
      on: '2025-04-10',
    });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
  });

  it('grants leave with a due date and takes the person back', async () => {
    const e = await admitted(h);
    const l = await ok(h, STAFF, M.leave, {
      id: e.id,
      v: e.version,
      input: { reason: 'FUNERAL', note: 'Bố mất', startsOn: '2025-05-01', dueOn: '2025-05-05' },
    });
    expect(l).toMatchObject({
      status: 'ON_LEAVE',
      leave: { reason: 'FUNERAL', note: 'Bố mất', startedOn: '2025-05-01', dueOn: '2025-05-05' },
    });
    const bad = await fails(h, STAFF, M.leave, {
      id: e.id,
      v: l.version,
      input: { reason: 'OTHER', startsOn: '2025-05-01', dueOn: '2025-05-05' },
    });
    expect(bad.extensions?.code).toBe('ILLEGAL_TRANSITION');
    const r = await ok(h, STAFF, M.back, { id: e.id, v: l.version, on: '2025-05-05' });
    expect(r).toMatchObject({ status: 'ADMITTED', leave: null });
    expect((r.events as Row[]).map((ev) => ev.action)).toEqual(['ADMIT', 'GRANT_LEAVE', 'RETURN_FROM_LEAVE']);
  });

  it('records an escape and the return: police are told both, the days away do not count toward the term', async () => {
    const e = await admitted(h, '2025-04-01');
    const person = await personOf(e.id);
    const gone = await ok(h, STAFF, M.escape, { id: e.id, v: e.version, on: '2025-06-10' });
    expect(gone).toMatchObject({ status: 'ABSCONDED', absconding: { reason: 'ESCAPED', since: '2025-06-10' } });
    expect((await noticesFor(h, 'rehab.absconded', person)).map((n) => n.payload)).toEqual([
      { personId: person, episodeId: e.id, facilityCode: FACILITY, reason: 'ESCAPED', since: '2025-06-10' },
    ]);
    const cannot = await fails(h, STAFF, M.complete, { id: e.id, v: gone.version, on: '2025-07-01', cert: 'X' });
    expect(cannot.extensions?.code).toBe('ILLEGAL_TRANSITION');
    const back = await ok(h, STAFF, M.returned, { id: e.id, v: gone.version, on: '2025-06-30' });
    expect(back).toMatchObject({ status: 'ADMITTED', absconding: null, plannedEndOn: '2026-04-21' });
    expect((await noticesFor(h, 'rehab.returned', person)).map((n) => n.payload)).toEqual([
      { personId: person, episodeId: e.id, returnedOn: '2025-06-30' },
    ]);
  });

  it('lists overdue leave and marks it absconded (police told LEAVE_OVERDUE), not before it is overdue', async () => {
    const e = await admitted(h);
    const person = await personOf(e.id);
    const l = await ok(h, STAFF, M.leave, {
      id: e.id,
      v: e.version,
      input: { reason: 'MEDICAL_TREATMENT', startsOn: '2025-07-01', dueOn: '2025-07-10' },
    });
    const overdue = async (asOf: string, actor: Actor = STAFF, unit = FACILITY) =>
      (
        (await ok(h, actor, 'query($u: ID!, $asOf: Date) { overdueLeaves(unitCode: $u, asOf: $asOf) { id } }', {
          u: unit,
          asOf,
        })) as unknown as Row[]
      ).map((r) => r.id);
    expect(await overdue('2025-07-10')).not.toContain(e.id);
    expect(await overdue('2025-07-11')).toContain(e.id);
    expect(await overdue('2025-07-11', { role: 'police_officer', unit: COMMUNE }, COMMUNE)).toContain(e.id);
    expect(await overdue('2025-07-11', { role: 'facility_staff', unit: OTHER_FACILITY }, '01')).not.toContain(e.id);
    const before = await footprint(h);
    const early = await fails(h, STAFF, M.overdue, { id: e.id, v: l.version, asOf: '2025-07-10' });
    expect(early.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(await footprint(h)).toEqual(before);
    const a = await ok(h, STAFF, M.overdue, { id: e.id, v: l.version, asOf: '2025-07-12' });
    expect(a).toMatchObject({ status: 'ABSCONDED', leave: null, absconding: { reason: 'LEAVE_OVERDUE', since: '2025-07-11' } });
    expect((await noticesFor(h, 'rehab.absconded', person)).map((n) => n.payload)).toEqual([
      { personId: person, episodeId: e.id, facilityCode: FACILITY, reason: 'LEAVE_OVERDUE', since: '2025-07-11' },
    ]);
  });

  it('transfers to another compulsory facility, whose staff then act', async () => {
    const e = await admitted(h);
    const refused = await fails(h, STAFF, M.transfer, { id: e.id, v: e.version, to: VOLUNTARY_ONLY_FACILITY, on: '2025-05-01' });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toFacilityCode' });
    const t = await ok(h, STAFF, M.transfer, { id: e.id, v: e.version, to: OTHER_FACILITY, on: '2025-05-01' });
    expect(t).toMatchObject({ facility: { code: OTHER_FACILITY }, status: 'ADMITTED' });
    const old = await fails(h, STAFF, M.phase, { id: e.id, v: t.version, phase: 'EDUCATION_BEHAVIOUR', on: '2025-05-02' });
    expect(old.extensions?.code).toBe('NOT_FOUND');
    await ok(h, { role: 'facility_staff', unit: OTHER_FACILITY }, M.phase, {
      id: e.id,
      v: t.version,
      phase: 'EDUCATION_BEHAVIOUR',
      on: '2025-05-02',
    });
  });
});

describe('completion and termination', () => {
  it("completes with a certificate: police told, post-rehab case opens awaiting the commune's decision", async () => {
    const e = await admitted(h, '2025-04-01');
    const person = await personOf(e.id);
    const before = await fails(h, STAFF, M.complete, { id: e.id, v: e.version, on: '2025-03-31', cert: '1/GCN' });
    expect(before.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'completedOn' });
    const c = await ok(h, STAFF, M.complete, { id: e.id, v: e.version, on: '2026-04-01', cert: '77/GCN-CSCN1' });
    expect(c).toMatchObject({ status: 'COMPLETED', endedOn: '2026-04-01', certificateNumber: '77/GCN-CSCN1' });
    expect((await noticesFor(h, 'rehab.completed', person)).map((n) => n.payload)).toEqual([
      { personId: person, episodeId: e.id, facilityCode: FACILITY, completedOn: '2026-04-01', certificateNumber: '77/GCN-CSCN1' },
    ]);
    const cases = (await ok(
      h,
      COMMUNE_OFFICIAL,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { postRehabCases { status openedOn episode { id } } } } }',
      { r: [{ __typename: 'Person', id: person }] },
    )) as unknown as { postRehabCases: Row[] }[];
    expect(cases[0]?.postRehabCases).toEqual([{ status: 'AWAITING_DECISION', openedOn: '2026-04-01', episode: { id: e.id } }]);
    const again = await fails(h, STAFF, M.complete, { id: e.id, v: c.version, on: '2026-04-02', cert: '78' });
    expect(again.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('lists the residents due to complete in a month, per facility', async () => {
    const e = await admitted(h, '2025-03-25');
    const due = async (asOf: string, facility = FACILITY, actor: Actor = STAFF) =>
      (
        (await ok(
          h,
          actor,
          'query($f: ID!, $asOf: Date) { episodesDueToComplete(facilityCode: $f, asOf: $asOf) { id plannedEndOn } }',
          { f: facility, asOf },
        )) as unknown as Row[]
      ).map((r) => r.id);
    expect(e.plannedEndOn).toBe('2026-03-25');
    expect(await due('2026-03-01')).toContain(e.id);
    expect(await due('2026-03-31')).toContain(e.id);
    expect(await due('2026-04-01')).not.toContain(e.id);
    expect(await due('2026-03-01', OTHER_FACILITY, { role: 'facility_staff', unit: OTHER_FACILITY })).not.toContain(e.id);
  });

  it('terminates early with a reason, also while absconded', async () => {
    const e = await admitted(h);
    const gone = await ok(h, STAFF, M.escape, { id: e.id, v: e.version, on: '2025-05-01' });
    const t = await ok(h, STAFF, M.terminate, { id: e.id, v: gone.version, on: '2025-08-01', reason: 'Chuyển cơ quan tố tụng' });
    expect(t).toMatchObject({
      status: 'TERMINATED',
      endedOn: '2025-08-01',
      terminationReason: 'Chuyển cơ quan tố tụng',
      absconding: null,
    });
  });
});

describe('voluntary rehab', () => {
  it('admits voluntarily at a facility for 6–12 months from the rules', async () => {
    const personId = await resident(h);
    const input = {
      personId,
      residenceUnitCode: COMMUNE,
      facilityCode: VOLUNTARY_ONLY_FACILITY,
      admittedOn: '2025-06-01',
      termMonths: 13,
    };
    const staff: Actor = { role: 'facility_staff', unit: VOLUNTARY_ONLY_FACILITY };
    expect((await fails(h, staff, M.admitVoluntary, { input })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.termMonths',
    });
    expect((await fails(h, STAFF, M.admitVoluntary, { input: { ...input, termMonths: 6 } })).extensions?.code).toBe('FORBIDDEN');
    const e = await ok(h, staff, M.admitVoluntary, { input: { ...input, termMonths: 6 } });
    expect(e).toMatchObject({ kind: 'VOLUNTARY_FACILITY', plannedEndOn: '2025-12-01', termMonths: 6, dossier: null });
    // Police are told the registration (person, date, form): it meets the person's treatment-registration deadline.
    expect((await noticesFor(h, 'rehab.admitted', personId)).map((n) => [n.destination, n.payload])).toEqual([
      [
        'police',
        {
          personId,
          episodeId: e.id,
          admittedOn: '2025-06-01',
          kind: 'VOLUNTARY_FACILITY',
          facilityCode: VOLUNTARY_ONLY_FACILITY,
        },
      ],
    ]);
  });

  it('registers rehab at home with a provider serving the commune; facility-only steps are refused', async () => {
    const personId = await resident(h);
    // On 1 June 2025 the code names Trúc Bạch of Quận Ba Đình: the district's provider serves it.
    const provider = demoProviderId(DISTRICT);
    const input = { personId, residenceUnitCode: COMMUNE, serviceProviderId: provider, startedOn: '2025-06-01', termMonths: 9 };
    const far = await fails(h, COMMUNE_OFFICIAL, M.community, { input: { ...input, serviceProviderId: demoProviderId('002') } });
    expect(far.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceProviderId' });
    // Where the rehab takes place (since the field exists): a commune's community rehab house.
    const e = await ok(h, COMMUNE_OFFICIAL, M.community, { input: { ...input, setting: 'REHAB_HOUSE' } });
    expect(e).toMatchObject({
      kind: 'VOLUNTARY_COMMUNITY',
      facility: null,
      serviceProvider: { id: provider },
      communitySetting: 'REHAB_HOUSE',
      plannedEndOn: '2026-03-01',
    });
    expect((await noticesFor(h, 'rehab.admitted', personId)).map((n) => [n.destination, n.payload])).toEqual([
      [
        'police',
        {
          personId,
          episodeId: e.id,
          admittedOn: '2025-06-01',
          kind: 'VOLUNTARY_COMMUNITY',
          facilityCode: null,
        },
      ],
    ]);
    const leave = await fails(h, COMMUNE_OFFICIAL, M.leave, {
      id: e.id,
      v: e.version,
      input: { reason: 'OTHER', startsOn: '2025-07-01', dueOn: '2025-07-02' },
    });
    expect(leave.extensions?.code).toBe('FORBIDDEN');
    const done = await ok(h, COMMUNE_OFFICIAL, M.complete, { id: e.id, v: e.version, on: '2026-03-01', cert: '5/GCN-CĐ' });
    expect(done).toMatchObject({ status: 'COMPLETED' });
    expect((await noticesFor(h, 'rehab.completed', personId)).map((n) => (n.payload as Row).facilityCode)).toEqual([null]);
  });
});

describe('illegal transitions through the API fail typed and change nothing', () => {
  interface Step {
    name: string;
    query: string;
    vars: (e: Row) => Record<string, unknown>;
  }
  const steps: Step[] = [
    {
      name: 'phase',
      query: M.phase,
      vars: (e) => ({ id: e.id, v: e.version, phase: 'REINTEGRATION_PREPARATION', on: '2025-09-01' }),
    },
    {
      name: 'leave',
      query: M.leave,
      vars: (e) => ({ id: e.id, v: e.version, input: { reason: 'OTHER', startsOn: '2025-09-01', dueOn: '2025-09-03' } }),
    },
    { name: 'back', query: M.back, vars: (e) => ({ id: e.id, v: e.version, on: '2025-09-01' }) },
    { name: 'escape', query: M.escape, vars: (e) => ({ id: e.id, v: e.version, on: '2025-09-01' }) },
    { name: 'overdue', query: M.overdue, vars: (e) => ({ id: e.id, v: e.version, asOf: '2025-09-20' }) },
    { name: 'returned', query: M.returned, vars: (e) => ({ id: e.id, v: e.version, on: '2025-09-01' }) },
    { name: 'transfer', query: M.transfer, vars: (e) => ({ id: e.id, v: e.version, to: OTHER_FACILITY, on: '2025-09-01' }) },
    { name: 'complete', query: M.complete, vars: (e) => ({ id: e.id, v: e.version, on: '2025-09-01', cert: 'X' }) },
    { name: 'terminate', query: M.terminate, vars: (e) => ({ id: e.id, v: e.version, on: '2025-09-01', reason: 'X' }) },
  ];
  const states: { status: string; make: () => Promise<Row>; legal: string[] }[] = [
    { status: 'ADMITTED', make: () => admitted(h), legal: ['phase', 'leave', 'escape', 'transfer', 'complete', 'terminate'] },
    {
      status: 'ON_LEAVE',
      make: async () => {
        const e = await admitted(h);
        return ok(h, STAFF, M.leave, {
          id: e.id,
          v: e.version,
          input: { reason: 'OTHER', startsOn: '2025-08-01', dueOn: '2025-08-05' },
        });
      },
      legal: ['back', 'overdue', 'terminate'],
    },
    {
      status: 'ABSCONDED',
      make: async () => {
        const e = await admitted(h);
        return ok(h, STAFF, M.escape, { id: e.id, v: e.version, on: '2025-08-01' });
      },
      legal: ['returned', 'terminate'],
    },
    {
      status: 'COMPLETED',
      make: async () => {
        const e = await admitted(h);
        return ok(h, STAFF, M.complete, { id: e.id, v: e.version, on: '2025-08-01', cert: 'C' });
      },
      legal: [],
    },
    {
      status: 'TERMINATED',
      make: async () => {
        const e = await admitted(h);
        return ok(h, STAFF, M.terminate, { id: e.id, v: e.version, on: '2025-08-01', reason: 'R' });
      },
      legal: [],
    },
  ];
  const cases = states.flatMap((s) =>
    steps.filter((step) => !s.legal.includes(step.name)).map((step) => [s.status, step.name] as const),
  );

  it.each(cases)('from %s: %s', async (status, stepName) => {
    const state = states.find((s) => s.status === status);
    const step = steps.find((s) => s.name === stepName);
    if (!state || !step) throw new Error('bad case');
    const e = await state.make();
    expect(e.status).toBe(status);
    const before = await footprint(h);
    const result = await runAs(h, STAFF, step.query, step.vars(e));
    expect(result.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(await footprint(h)).toEqual(before);
  });
});
