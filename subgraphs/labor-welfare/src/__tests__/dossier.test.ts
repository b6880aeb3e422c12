import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { PENDING_DOSSIER_STATUSES } from '../rules/dossier';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  COURT,
  DISTRICT,
  FACILITY,
  LABOUR,
  M,
  OTHER_COMMUNE,
  OTHER_FACILITY,
  POLICE,
  STAFF,
  VOLUNTARY_ONLY_FACILITY,
  REGIONAL_COURT,
  REGIONAL_COURT_UNIT,
  approved,
  courtOn,
  draft,
  fails,
  footprint,
  forwarded,
  ok,
  runAs,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const decision = (input: Record<string, unknown>) => ({
  outcome: 'APPROVED',
  decisionNumber: '12/QĐ-TA',
  decidedOn: '2025-03-20',
  termMonths: 12,
  facilityCode: FACILITY,
  ...input,
});

describe('the dossier from drafting to the court', () => {
  it('walks drafted → submitted → returned → resubmitted → forwarded → approved → escorted under the arrangement before March 2025', async () => {
    const d = await draft(h, { startedOn: '2025-02-03' });
    expect(d).toMatchObject({
      status: 'DRAFTED',
      version: 1,
      repeat: false,
      startedOn: '2025-02-03',
      subjectDateOfBirth: '1990-05-05',
    });
    const s1 = await ok(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: '2025-02-04' });
    expect(s1).toMatchObject({ status: 'SUBMITTED', submittedOn: '2025-02-04', version: 2 });
    const r = await ok(h, LABOUR, M.returnIt, { id: d.id, v: s1.version, reason: 'Thiếu biên bản vi phạm', on: '2025-02-06' });
    expect(r).toMatchObject({ status: 'RETURNED_FOR_CORRECTION', correctionReason: 'Thiếu biên bản vi phạm' });
    const e = await ok(h, POLICE, M.edit, { id: d.id, v: r.version, changes: { groundNote: 'Đã bổ sung biên bản' } });
    const s2 = await ok(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: e.version, on: '2025-02-10' });
    const f = await ok(h, LABOUR, M.forward, { id: d.id, v: s2.version, on: '2025-02-12' });
    expect(f).toMatchObject({ status: 'FORWARDED_TO_COURT', forwardedOn: '2025-02-12' });
    const a = await ok(h, COURT, M.decide, { id: d.id, v: f.version, input: decision({ reason: 'Đủ căn cứ' }) });
    expect(a).toMatchObject({
      status: 'APPROVED',
      decision: {
        outcome: 'APPROVED',
        decisionNumber: '12/QĐ-TA',
        decidedOn: '2025-03-20',
        termMonths: 12,
        facility: { code: FACILITY },
        reason: 'Đủ căn cứ',
      },
    });
    const escorted = await ok(h, POLICE, M.escort, { id: d.id, v: a.version, on: '2025-03-25' });
    expect(escorted).toMatchObject({ status: 'APPROVED', escortedOn: '2025-03-25' });
    expect((escorted.events as Row[]).map((ev) => [ev.action, ev.toStatus, ev.actorRole])).toEqual([
      ['DRAFT', 'DRAFTED', 'police_officer'],
      ['SUBMIT', 'SUBMITTED', 'commune_official'],
      ['RETURN_FOR_CORRECTION', 'RETURNED_FOR_CORRECTION', 'labour_officer'],
      ['EDIT', 'RETURNED_FOR_CORRECTION', 'police_officer'],
      ['SUBMIT', 'SUBMITTED', 'commune_official'],
      ['FORWARD_TO_COURT', 'FORWARDED_TO_COURT', 'labour_officer'],
      ['APPROVE', 'APPROVED', 'court_clerk'],
      ['ESCORT', 'APPROVED', 'police_officer'],
    ]);
    const audits = await h.database.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'CHANGE' AND entity_type = 'CompulsoryRehabDossier'
      AND person_id = (SELECT person_id FROM compulsory_rehab_dossier WHERE id = $1)`,
      [d.id],
    );
    expect(audits[0].n).toBe(8);
  });

  it.each(['REJECTED', 'EXEMPTED', 'POSTPONED'])('records a %s decision without a term or facility', async (outcome) => {
    const f = await forwarded(h);
    const got = await ok(h, COURT, M.decide, {
      id: f.id,
      v: f.version,
      input: { outcome, decisionNumber: '5/QĐ-TA', decidedOn: '2025-03-20', reason: 'Lý do' },
    });
    expect(got).toMatchObject({ status: outcome, decision: { outcome, termMonths: null, facility: null } });
  });

  it('decides again after a postponement', async () => {
    const f = await forwarded(h);
    const p = await ok(h, COURT, M.decide, {
      id: f.id,
      v: f.version,
      input: { outcome: 'POSTPONED', decisionNumber: '6/QĐ-TA', decidedOn: '2025-03-20' },
    });
    const a = await ok(h, COURT, M.decide, {
      id: f.id,
      v: p.version,
      input: decision({ decidedOn: '2025-06-01', decisionNumber: '7/QĐ-TA' }),
    });
    expect(a).toMatchObject({ status: 'APPROVED', decision: { decisionNumber: '7/QĐ-TA', decidedOn: '2025-06-01' } });
  });

  it("lists submitted dossiers on the district labour office's worklist as of a date", async () => {
    const d = await draft(h, { startedOn: '2025-02-02' });
    await ok(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: '2025-02-05' });
    const query = 'query($u: ID!, $asOf: Date) { dossiersAwaitingReview(unitCode: $u, asOf: $asOf) { id submittedOn } }';
    const ids = async (actor: typeof LABOUR, unit: string, asOf: string) =>
      ((await ok(h, actor, query, { u: unit, asOf })) as unknown as Row[]).map((r) => r.id);
    expect(await ids(LABOUR, DISTRICT, '2025-02-05')).toContain(d.id);
    expect(await ids(LABOUR, DISTRICT, '2025-02-04')).not.toContain(d.id);
    // Another district's labour office does not see it, even asking for Ba Đình.
    expect(await ids({ role: 'labour_officer', unit: '002' }, DISTRICT, '2025-02-05')).not.toContain(d.id);
    const denied = await runAs(h, { role: 'volunteer', unit: COMMUNE }, query, { u: DISTRICT, asOf: '2025-02-05' });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe("who acts follows the arrangement in force on the step's date", () => {
  const DOSSIER = 'query($id: ID!) { compulsoryRehabDossier(id: $id) { id status court { code name } } }';

  it('from 1 March 2025: the head of commune police sends the dossier straight to the district court; no labour review', async () => {
    const d = await draft(h, { startedOn: '2025-03-10' });
    const chair = await fails(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: '2025-03-11' });
    expect(chair.extensions?.code).toBe('FORBIDDEN');
    expect((chair.extensions?.i18n as { vi: string }).vi).toContain('Trưởng Công an cấp xã');
    const sent = await ok(h, POLICE, M.submit, { id: d.id, v: d.version, on: '2025-03-11' });
    expect(sent).toMatchObject({ status: 'FORWARDED_TO_COURT', submittedOn: '2025-03-11', forwardedOn: '2025-03-11' });
    expect((sent.events as Row[]).map((e) => [e.action, e.actorRole])).toEqual([
      ['DRAFT', 'police_officer'],
      ['SUBMIT', 'police_officer'],
      ['FORWARD_TO_COURT', 'police_officer'],
    ]);
    // Before 1 July 2025 the district court decides; a court named by the sender is refused.
    const named = await draft(h, { startedOn: '2025-03-12' });
    expect(
      (await fails(h, POLICE, M.submit, { id: named.id, v: named.version, on: '2025-03-12', court: REGIONAL_COURT_UNIT }))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'courtUnitCode' });
    const decided = await ok(h, COURT, M.decide, { id: d.id, v: sent.version, input: decision({ decidedOn: '2025-04-01' }) });
    expect(decided).toMatchObject({ status: 'APPROVED' });
  });

  it('from 1 July 2025: a regional court the sender names decides; the district court and the other regional court cannot', async () => {
    const d = await draft(h, { startedOn: '2026-09-01' });
    expect((await fails(h, POLICE, M.submit, { id: d.id, v: d.version, on: '2026-09-02' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'courtUnitCode',
    });
    const sent = await ok(h, POLICE, M.submit, { id: d.id, v: d.version, on: '2026-09-02', court: REGIONAL_COURT_UNIT });
    expect(await ok(h, REGIONAL_COURT, DOSSIER, { id: d.id })).toMatchObject({
      status: 'FORWARDED_TO_COURT',
      court: { code: REGIONAL_COURT_UNIT },
    });
    const input = decision({ decidedOn: '2026-09-20', termMonths: 24 });
    expect(
      (await fails(h, { role: 'court_clerk', unit: 'TAKV-HN02' }, M.decide, { id: d.id, v: sent.version, input })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
    // The district court ended with the district tier: it neither sees today's dossier nor decides after 30 June 2025.
    expect((await fails(h, COURT, M.decide, { id: d.id, v: sent.version, input })).extensions?.code).toBe('NOT_FOUND');
    const past = await forwarded(h, { startedOn: '2025-02-03' });
    expect(
      (await fails(h, COURT, M.decide, { id: past.id, v: past.version, input: decision({ decidedOn: '2025-07-02' }) })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(await ok(h, REGIONAL_COURT, M.decide, { id: d.id, v: sent.version, input })).toMatchObject({ status: 'APPROVED' });
  });

  it('lets an account of a district that ended read its past but act on nothing today', async () => {
    const past = await forwarded(h, { startedOn: '2025-02-03' });
    expect(await ok(h, LABOUR, DOSSIER, { id: past.id })).toMatchObject({ id: past.id, court: null });
    const today = await draft(h, { startedOn: '2026-10-01' });
    expect((await runAs(h, LABOUR, DOSSIER, { id: today.id })).data?.compulsoryRehabDossier).toBeNull();
    const submitted = await draft(h, { startedOn: '2025-02-10' });
    const s = await ok(h, COMMUNE_OFFICIAL, M.submit, { id: submitted.id, v: submitted.version, on: '2025-02-11' });
    // The district review ended on 28 February 2025: a return dated after it is refused, one dated before is recorded.
    expect((await fails(h, LABOUR, M.returnIt, { id: s.id, v: s.version, reason: 'x' })).extensions?.code).toBe('FORBIDDEN');
    expect(await ok(h, LABOUR, M.returnIt, { id: s.id, v: s.version, reason: 'Thiếu biên bản', on: '2025-02-20' })).toMatchObject(
      { status: 'RETURNED_FOR_CORRECTION' },
    );
  });
});

describe('the term is checked against the law in force when the dossier started', () => {
  // From 1 July 2026 a minor goes only to a facility that admits minors (minor-placement.test.ts): test data marks one.
  beforeAll(async () => {
    await h.database.db.query('UPDATE facility SET admits_minors = true WHERE code = $1', [OTHER_FACILITY]);
  });

  async function tryTerm(
    startedOn: string,
    dateOfBirth: string,
    termMonths: number,
    decidedOn: string,
    priorDecisionRef?: string,
  ) {
    const f = await forwarded(h, { startedOn, dateOfBirth, ...(priorDecisionRef ? { priorDecisionRef } : {}) });
    const before = await footprint(h);
    const result = await runAs(h, courtOn(decidedOn), M.decide, {
      id: f.id,
      v: f.version,
      input: decision({ decidedOn, termMonths, facilityCode: OTHER_FACILITY }),
    });
    if (result.errors) expect(await footprint(h)).toEqual(before);
    return result.errors?.[0] ?? null;
  }

  it.each([
    // [started, born, term, decided, repeat?, accepted]
    ['2026-06-30', '1990-01-01', 12, '2026-07-20', false, true],
    ['2026-06-30', '1990-01-01', 24, '2026-07-20', false, true],
    ['2026-06-30', '1990-01-01', 25, '2026-07-20', false, false],
    ['2026-06-30', '1990-01-01', 36, '2026-07-20', true, false],
    ['2026-06-30', '1990-01-01', 24, '2026-07-20', true, true],
    ['2026-07-01', '1990-01-01', 24, '2026-07-20', false, true],
    ['2026-07-01', '1990-01-01', 12, '2026-07-20', false, false],
    ['2026-07-01', '1990-01-01', 36, '2026-07-20', true, true],
    ['2026-07-01', '1990-01-01', 24, '2026-07-20', true, false],
    ['2026-07-01', '2010-09-01', 12, '2026-07-20', false, true],
    ['2026-07-01', '2010-09-01', 13, '2026-07-20', false, false],
    ['2026-06-30', '2010-09-01', 5, '2026-07-20', false, false],
  ])(
    'started %s, born %s: %i months (decided %s, repeat %s) accepted: %s',
    async (started, born, term, decided, repeat, accepted) => {
      const error = await tryTerm(started, born, term, decided, repeat ? '99/2019/QĐ-TA' : undefined);
      if (accepted) expect(error).toBeNull();
      else expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.termMonths' } });
    },
  );

  it('judges the age on the decision date: 18 by then is an adult', async () => {
    // Minor when the dossier started, adult (18) when the court decides.
    expect(await tryTerm('2026-06-01', '2008-06-20', 12, '2026-06-19')).toBeNull();
    expect(await tryTerm('2026-06-01', '2008-06-20', 6, '2026-06-20')).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a dossier for a child under 12', async () => {
    const error = await fails(h, POLICE, M.draft, {
      input: {
        personId: '00000000-0000-4000-8000-00000000c012',
        residenceUnitCode: COMMUNE,
        startedOn: '2025-03-03',
        ground: 'NOT_REGISTERED',
        subjectFullName: 'Trẻ Em',
        subjectDateOfBirth: '2014-01-01',
      },
    });
    expect(error.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'subjectDateOfBirth' });
  });

  it('shows the allowed range on the dossier', async () => {
    const f = await forwarded(h, { startedOn: '2026-07-01' });
    const got = await ok(
      h,
      REGIONAL_COURT,
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { allowedTerm(on: "2026-07-10") { minMonths maxMonths category legalBasis } } }',
      { id: f.id },
    );
    expect(got.allowedTerm).toMatchObject({
      minMonths: 24,
      maxMonths: 24,
      category: 'ADULT_FIRST',
      legalBasis: expect.stringContaining('120/2025'),
    });
  });

  it('counts as repeat a person who had a compulsory episode before', async () => {
    // A person of a Hà Nội commune of today (as the registry knows them) with no dossier in progress; their commune's police draft.
    const [prior] = await h.database.db.query<[{ person_id: string; unit_code: string }]>(
      `SELECT e.person_id, p.unit_code FROM rehab_episode e JOIN person_directory p ON p.person_id = e.person_id
      WHERE e.kind = 'COMPULSORY' AND p.unit_path ~ '^01\\.[^.]+$'
        AND NOT EXISTS (SELECT 1 FROM compulsory_rehab_dossier d WHERE d.person_id = e.person_id AND d.status = ANY($1))
      ORDER BY e.person_id LIMIT 1`,
      [PENDING_DOSSIER_STATUSES],
    );
    const later = await draft(h, { personId: prior.person_id, commune: prior.unit_code, startedOn: '2026-11-01' });
    expect(later.repeat).toBe(true);
  });
});

describe('interim measure while pending', () => {
  it('counts days held at a facility toward the term: planned end = admission + term − days held', async () => {
    const f = await forwarded(h, { startedOn: '2025-02-01' });
    const held = await ok(h, COMMUNE_OFFICIAL, M.interim, {
      id: f.id,
      v: f.version,
      input: { measure: 'HELD_AT_FACILITY', facilityCode: FACILITY, since: '2025-02-10' },
    });
    expect(held).toMatchObject({
      interimMeasure: 'HELD_AT_FACILITY',
      interimFacility: { code: FACILITY },
      interimSince: '2025-02-10',
    });
    // Released to the family for a while, then held again: both held periods count.
    const family = await ok(h, LABOUR, M.interim, {
      id: f.id,
      v: held.version,
      input: { measure: 'FAMILY_MANAGEMENT', since: '2025-02-20' },
    });
    expect(family).toMatchObject({ interimMeasure: 'FAMILY_MANAGEMENT', interimFacility: null, daysHeld: 10 });
    // From 1 March 2025 the head of commune police sets the measure (the commune chair no longer may).
    expect(
      (
        await fails(h, COMMUNE_OFFICIAL, M.interim, {
          id: f.id,
          v: family.version,
          input: { measure: 'HELD_AT_FACILITY', facilityCode: FACILITY, since: '2025-03-01' },
        })
      ).extensions?.code,
    ).toBe('FORBIDDEN');
    const again = await ok(h, POLICE, M.interim, {
      id: f.id,
      v: family.version,
      input: { measure: 'HELD_AT_FACILITY', facilityCode: FACILITY, since: '2025-03-01' },
    });
    const a = await ok(h, COURT, M.decide, {
      id: f.id,
      v: again.version,
      input: decision({ decidedOn: '2025-03-15', termMonths: 12 }),
    });
    // The holding facility's staff see the dossier they hold the person for.
    const seen = await ok(h, STAFF, 'query($id: ID!) { compulsoryRehabDossier(id: $id) { id } }', { id: f.id });
    expect(seen).toMatchObject({ id: f.id });
    const episode = await ok(h, STAFF, M.admit, { id: f.id, v: a.version, f: FACILITY, on: '2025-03-21' });
    // 10 days in February + 20 days from 1 to 21 March.
    expect(episode).toMatchObject({ daysHeld: 30, termMonths: 12, admittedOn: '2025-03-21', plannedEndOn: '2026-02-19' });
    const closed = await ok(
      h,
      STAFF,
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { status interimMeasure daysHeld admittedOn episode { id } } }',
      { id: f.id },
    );
    expect(closed).toMatchObject({
      status: 'ADMITTED',
      interimMeasure: null,
      daysHeld: 30,
      admittedOn: '2025-03-21',
      episode: { id: episode.id },
    });
  });

  it('refuses holding at a facility that takes no compulsory residents', async () => {
    const d = await draft(h);
    const error = await fails(h, COMMUNE_OFFICIAL, M.interim, {
      id: d.id,
      v: d.version,
      input: { measure: 'HELD_AT_FACILITY', facilityCode: VOLUNTARY_ONLY_FACILITY, since: '2025-02-04' },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.facilityCode' });
  });
});

describe('illegal transitions fail with a typed error and change nothing', () => {
  interface Step {
    name: string;
    actor: typeof POLICE;
    query: string;
    vars: (d: Row) => Record<string, unknown>;
  }
  const steps: Step[] = [
    { name: 'edit', actor: POLICE, query: M.edit, vars: (d) => ({ id: d.id, v: d.version, changes: { groundNote: 'x' } }) },
    { name: 'submit', actor: COMMUNE_OFFICIAL, query: M.submit, vars: (d) => ({ id: d.id, v: d.version, on: '2025-04-01' }) },
    {
      name: 'return',
      actor: LABOUR,
      query: M.returnIt,
      vars: (d) => ({ id: d.id, v: d.version, reason: 'x', on: '2025-02-20' }),
    },
    { name: 'forward', actor: LABOUR, query: M.forward, vars: (d) => ({ id: d.id, v: d.version, on: '2025-04-01' }) },
    {
      name: 'approve',
      actor: COURT,
      query: M.decide,
      vars: (d) => ({ id: d.id, v: d.version, input: decision({ decidedOn: '2025-04-01' }) }),
    },
    {
      name: 'postpone',
      actor: COURT,
      query: M.decide,
      vars: (d) => ({ id: d.id, v: d.version, input: { outcome: 'POSTPONED', decisionNumber: '1', decidedOn: '2025-04-01' } }),
    },
    { name: 'escort', actor: POLICE, query: M.escort, vars: (d) => ({ id: d.id, v: d.version, on: '2025-04-01' }) },
    // A province-level facility officer sees every dossier, so the state machine (not the scope) refuses.
    {
      name: 'admit',
      actor: { ...STAFF, unit: '01' },
      query: M.admit,
      vars: (d) => ({ id: d.id, v: d.version, f: FACILITY, on: '2025-04-01' }),
    },
  ];
  /** States to try each step from, and the steps legal there. */
  const states: { status: string; make: () => Promise<Row>; legal: string[] }[] = [
    { status: 'DRAFTED', make: () => draft(h), legal: ['edit', 'submit'] },
    {
      status: 'SUBMITTED',
      make: async () => {
        const d = await draft(h);
        return ok(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: '2025-02-04' });
      },
      legal: ['return', 'forward'],
    },
    { status: 'FORWARDED_TO_COURT', make: () => forwarded(h), legal: ['approve', 'postpone'] },
    { status: 'APPROVED', make: () => approved(h, 12, '2025-03-20'), legal: ['escort', 'admit'] },
    {
      status: 'REJECTED',
      make: async () => {
        const f = await forwarded(h);
        return ok(h, COURT, M.decide, {
          id: f.id,
          v: f.version,
          input: { outcome: 'REJECTED', decisionNumber: '2', decidedOn: '2025-03-20' },
        });
      },
      legal: [],
    },
    {
      status: 'ADMITTED',
      make: async () => {
        const a = await approved(h, 12, '2025-03-20');
        await ok(h, STAFF, M.admit, { id: a.id, v: a.version, f: FACILITY, on: '2025-03-25' });
        return ok(h, COURT, `query($id: ID!) { compulsoryRehabDossier(id: $id) { id version status } }`, { id: a.id });
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
    const d = await state.make();
    expect(d.status).toBe(status);
    const before = await footprint(h);
    const error = await fails(h, step.actor, step.query, step.vars(d));
    expect(error.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(await footprint(h)).toEqual(before);
  });
});

describe('versions, scope and input', () => {
  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const d = await draft(h);
    await ok(h, POLICE, M.edit, { id: d.id, v: d.version, changes: { groundNote: 'một' } });
    const before = await footprint(h);
    const error = await fails(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: '2025-03-04' });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(await footprint(h)).toEqual(before);
  });

  it("lets only the person's commune draft, and hides the dossier from other communes and districts", async () => {
    const error = await fails(h, { ...POLICE, unit: OTHER_COMMUNE }, M.draft, {
      input: {
        personId: '00000000-0000-4000-8000-00000000d001',
        residenceUnitCode: COMMUNE,
        ground: 'NOT_REGISTERED',
        startedOn: '2025-03-03',
        subjectFullName: 'A',
        subjectDateOfBirth: '1990-01-01',
      },
    });
    expect(error.extensions?.code).toBe('FORBIDDEN');
    const d = await draft(h);
    const other = await fails(h, { ...COMMUNE_OFFICIAL, unit: OTHER_COMMUNE }, M.submit, { id: d.id, v: d.version });
    expect(other.extensions?.code).toBe('NOT_FOUND');
    const otherDistrict = await runAs(
      h,
      { role: 'labour_officer', unit: '002' },
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { id } }',
      { id: d.id },
    );
    expect(otherDistrict.data?.compulsoryRehabDossier).toBeNull();
  });

  it('lets only the court-named facility admit', async () => {
    const a = await approved(h, 12, '2025-03-20');
    const other = await fails(h, { role: 'facility_staff', unit: 'CSCN2' }, M.admit, {
      id: a.id,
      v: a.version,
      f: 'CSCN2',
      on: '2025-03-25',
    });
    expect(other.extensions?.code).toBe('NOT_FOUND');
    const wrong = await fails(h, STAFF, M.admit, { id: a.id, v: a.version, f: 'CSCN2', on: '2025-03-25' });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'facilityCode' });
  });

  it('refuses bad input with typed bilingual errors naming the field', async () => {
    const base = {
      personId: '00000000-0000-4000-8000-00000000d002',
      residenceUnitCode: COMMUNE,
      ground: 'NOT_REGISTERED',
      subjectFullName: 'A',
      subjectDateOfBirth: '1990-01-01',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, personId: 'not-a-uuid' }, 'input.personId'],
      [{ ...base, residenceUnitCode: DISTRICT }, 'input.residenceUnitCode'],
      [{ ...base, residenceUnitCode: 'XX' }, 'input.residenceUnitCode'],
      [{ ...base, subjectFullName: '   ' }, 'input.subjectFullName'],
      [{ ...base, startedOn: '2999-01-01' }, 'input.startedOn'],
    ];
    for (const [input, field] of cases) {
      const error = await fails(h, POLICE, M.draft, { input });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const f = await forwarded(h);
    expect(
      (await fails(h, COURT, M.decide, { id: f.id, v: f.version, input: decision({ termMonths: null }) })).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termMonths' });
    expect(
      (await fails(h, COURT, M.decide, { id: f.id, v: f.version, input: decision({ decidedOn: '2025-01-01' }) })).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decidedOn' });
    expect(
      (await fails(h, COURT, M.decide, { id: f.id, v: f.version, input: decision({ facilityCode: VOLUNTARY_ONLY_FACILITY }) }))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.facilityCode' });
  });

  it('refuses a second dossier in progress for the same person', async () => {
    const d = await draft(h);
    const person = await h.database.db.query<[{ person_id: string }]>(
      'SELECT person_id FROM compulsory_rehab_dossier WHERE id = $1',
      [d.id],
    );
    const error = await fails(h, POLICE, M.draft, {
      input: {
        personId: person[0].person_id,
        residenceUnitCode: COMMUNE,
        ground: 'NOT_REGISTERED',
        startedOn: '2025-03-03',
        subjectFullName: 'A',
        subjectDateOfBirth: '1990-01-01',
      },
    });
    expect(error.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });
});
