import { randomUUID } from 'node:crypto';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  DISTRICT,
  LABOUR,
  M,
  OTHER_COMMUNE,
  POLICE,
  STAFF,
  admitted,
  fails,
  footprint,
  ok,
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

/** A post-rehab case awaiting the decision, opened by a completion on `completedOn`. */
async function openCase(completedOn = '2025-04-10'): Promise<Row & { personId: string }> {
  const e = await admitted(h, '2025-04-01');
  await ok(h, STAFF, M.complete, { id: e.id, v: e.version, on: completedOn, cert: `GCN-${completedOn}` });
  const [row] = await h.database.db.query<[{ id: string; person_id: string }]>(
    'SELECT id, person_id FROM post_rehab_case WHERE episode_id = $1',
    [e.id],
  );
  const c = await ok(h, COMMUNE_OFFICIAL, `query($id: ID!) { postRehabCase(id: $id) { id status version openedOn } }`, {
    id: row.id,
  });
  return { ...c, personId: row.person_id };
}

const decision = { decisionNumber: '15/QĐ-UBND', decisionOn: '2025-04-20' };

describe('post-rehab management', () => {
  it('decides with the period in force, assigns supporters and certifies completion at the end', async () => {
    const c = await openCase();
    const supporter = randomUUID();
    const d = await ok(h, COMMUNE_OFFICIAL, M.decidePost, {
      id: c.id,
      v: c.version,
      input: { ...decision, supporterIds: [supporter] },
    });
    expect(d).toMatchObject({
      status: 'UNDER_MANAGEMENT',
      decisionOn: '2025-04-20',
      periodMonths: 12,
      endsOn: '2026-04-20',
      supporterIds: [supporter],
    });
    const s = await ok(h, COMMUNE_OFFICIAL, M.supporters, { id: c.id, v: d.version, ids: [supporter, randomUUID(), supporter] });
    expect(s.supporterIds).toHaveLength(2);
    const early = await fails(h, COMMUNE_OFFICIAL, M.completePost, { id: c.id, v: s.version, on: '2026-04-19', cert: '3/GCN' });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'completedOn' });
    const done = await ok(h, COMMUNE_OFFICIAL, M.completePost, { id: c.id, v: s.version, on: '2026-04-20', cert: '3/GCN-QLSCN' });
    expect(done).toMatchObject({ status: 'COMPLETED', completedOn: '2026-04-20', certificateNumber: '3/GCN-QLSCN' });
    expect((done.events as Row[]).map((e) => e.action)).toEqual(['OPEN', 'DECIDE', 'ASSIGN_SUPPORTERS', 'COMPLETE']);
  });

  it('takes the period from the rules table in force on the decision date', async () => {
    const owner = await h.database.owner();
    await owner.query(`UPDATE legal_rule SET effective_to = '2025-12-31' WHERE code = 'POST_REHAB_MANAGEMENT_PERIOD'`);
    await owner.query(`INSERT INTO legal_rule (code, description, value, unit, effective_from, effective_to, legal_basis)
      VALUES ('POST_REHAB_MANAGEMENT_PERIOD', 'Thử nghiệm', 6, 'MONTHS', '2026-01-01', NULL, 'Thử nghiệm')`);
    try {
      const c = await openCase('2026-01-05');
      const d = await ok(h, COMMUNE_OFFICIAL, M.decidePost, {
        id: c.id,
        v: c.version,
        input: { decisionNumber: '1', decisionOn: '2026-01-10' },
      });
      expect(d).toMatchObject({ periodMonths: 6, endsOn: '2026-07-10' });
    } finally {
      await owner.query(`DELETE FROM legal_rule WHERE code = 'POST_REHAB_MANAGEMENT_PERIOD' AND effective_from = '2026-01-01'`);
      await owner.query(`UPDATE legal_rule SET effective_to = NULL WHERE code = 'POST_REHAB_MANAGEMENT_PERIOD'`);
    }
  });

  it('ends the case on relapse; a new dossier then counts as repeat and cites the case', async () => {
    const c = await openCase();
    const d = await ok(h, COMMUNE_OFFICIAL, M.decidePost, { id: c.id, v: c.version, input: decision });
    const r = await ok(h, POLICE, M.relapse, { id: c.id, v: d.version, on: '2025-08-01' });
    expect(r).toMatchObject({ status: 'RELAPSED', relapsedOn: '2025-08-01', relapseNote: 'Test dương tính' });
    const dossier = await ok(h, POLICE, M.draft, {
      input: {
        personId: c.personId,
        residenceUnitCode: COMMUNE,
        startedOn: '2026-07-02',
        ground: 'RELAPSED_DURING_POST_REHAB',
        postRehabCaseId: c.id,
        subjectFullName: 'Nguyễn Văn Thử',
        subjectDateOfBirth: '1990-05-05',
      },
    });
    expect(dossier).toMatchObject({ status: 'DRAFTED', repeat: true });
    const allowed = await ok(
      h,
      POLICE,
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { allowedTerm(on: "2026-07-20") { minMonths maxMonths category } } }',
      { id: dossier.id },
    );
    expect(allowed.allowedTerm).toEqual({ minMonths: 36, maxMonths: 36, category: 'ADULT_REPEAT' });
  });

  it('refuses illegal steps with a typed error and changes nothing', async () => {
    const c = await openCase();
    const tries: [string, Record<string, unknown>][] = [
      [M.supporters, { id: c.id, v: c.version, ids: [] }],
      [M.completePost, { id: c.id, v: c.version, on: '2026-06-01', cert: 'X' }],
    ];
    for (const [query, vars] of tries) {
      const before = await footprint(h);
      expect((await fails(h, COMMUNE_OFFICIAL, query, vars)).extensions?.code).toBe('ILLEGAL_TRANSITION');
      expect(await footprint(h)).toEqual(before);
    }
    const d = await ok(h, COMMUNE_OFFICIAL, M.decidePost, { id: c.id, v: c.version, input: decision });
    const before = await footprint(h);
    expect((await fails(h, COMMUNE_OFFICIAL, M.decidePost, { id: c.id, v: d.version, input: decision })).extensions?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(await footprint(h)).toEqual(before);
    const r = await ok(h, COMMUNE_OFFICIAL, M.relapse, { id: c.id, v: d.version, on: '2025-06-01' });
    for (const [query, vars] of [
      [M.relapse, { id: c.id, v: r.version, on: '2025-06-02' }],
      [M.completePost, { id: c.id, v: r.version, on: '2026-06-01', cert: 'X' }],
      [M.decidePost, { id: c.id, v: r.version, input: decision }],
      [M.supporters, { id: c.id, v: r.version, ids: [] }],
    ] as const) {
      const snapshot = await footprint(h);
      expect((await fails(h, COMMUNE_OFFICIAL, query, vars)).extensions?.code).toBe('ILLEGAL_TRANSITION');
      expect(await footprint(h)).toEqual(snapshot);
    }
  });

  it("acts only in the person's commune", async () => {
    const c = await openCase();
    const error = await fails(h, { ...COMMUNE_OFFICIAL, unit: OTHER_COMMUNE }, M.decidePost, {
      id: c.id,
      v: c.version,
      input: decision,
    });
    expect(error.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('post-rehab worklists', () => {
  const list = async (field: string, asOf: string, actor: Actor = COMMUNE_OFFICIAL, unit = COMMUNE) =>
    (
      (await ok(h, actor, `query($u: ID!, $asOf: Date) { ${field}(unitCode: $u, asOf: $asOf) { id } }`, {
        u: unit,
        asOf,
      })) as unknown as Row[]
    ).map((r) => r.id);

  it('lists cases awaiting the decision as of a date', async () => {
    const c = await openCase('2025-05-10');
    expect(await list('postRehabCasesAwaitingDecision', '2025-05-10')).toContain(c.id);
    expect(await list('postRehabCasesAwaitingDecision', '2025-05-09')).not.toContain(c.id);
    expect(await list('postRehabCasesAwaitingDecision', '2025-05-10', LABOUR, DISTRICT)).toContain(c.id);
    expect(
      await list(
        'postRehabCasesAwaitingDecision',
        '2025-05-10',
        { role: 'commune_official', unit: OTHER_COMMUNE },
        OTHER_COMMUNE,
      ),
    ).not.toContain(c.id);
  });

  it('lists cases ending within 30 days', async () => {
    const c = await openCase();
    await ok(h, COMMUNE_OFFICIAL, M.decidePost, { id: c.id, v: c.version, input: decision });
    expect(await list('postRehabCasesEndingSoon', '2026-03-21')).toContain(c.id);
    expect(await list('postRehabCasesEndingSoon', '2026-03-20')).not.toContain(c.id);
    expect(await list('postRehabCasesEndingSoon', '2026-04-20')).toContain(c.id);
    expect(await list('postRehabCasesEndingSoon', '2026-04-21')).not.toContain(c.id);
  });

  it('refuses roles without the worklist', async () => {
    const result = await runAs(
      h,
      { role: 'health_worker', unit: '01' },
      'query { postRehabCasesEndingSoon(unitCode: "01") { id } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('reintegration support', () => {
  const RECORD = `mutation($input: ReintegrationSupportInput!) { recordReintegrationSupport(input: $input) {
    id kind provider startedOn amountVnd outcome outcomeOn outcomeNote version residenceUnit { code } postRehabCase { id } } }`;
  const OUTCOME = `mutation($id: ID!, $v: Int!, $o: ReintegrationOutcome!, $on: Date!, $note: String) {
    updateReintegrationOutcome(id: $id, expectedVersion: $v, outcome: $o, outcomeOn: $on, note: $note) { outcome outcomeOn outcomeNote version } }`;

  it('records a loan, a training and a job placement with provider and outcome', async () => {
    const c = await openCase();
    const loan = await ok(h, COMMUNE_OFFICIAL, RECORD, {
      input: {
        personId: c.personId,
        residenceUnitCode: COMMUNE,
        kind: 'LOAN',
        provider: 'Ngân hàng Chính sách xã hội',
        startedOn: '2025-05-01',
        amountVnd: 30_000_000,
        postRehabCaseId: c.id,
      },
    });
    expect(loan).toMatchObject({
      kind: 'LOAN',
      amountVnd: 30_000_000,
      outcome: 'PENDING',
      outcomeOn: null,
      postRehabCase: { id: c.id },
    });
    const done = await ok(h, LABOUR, OUTCOME, {
      id: loan.id,
      v: loan.version,
      o: 'SUCCEEDED',
      on: '2025-06-01',
      note: 'Đã giải ngân',
    });
    expect(done).toMatchObject({ outcome: 'SUCCEEDED', outcomeOn: '2025-06-01', outcomeNote: 'Đã giải ngân', version: 2 });
    const stale = await fails(h, LABOUR, OUTCOME, { id: loan.id, v: loan.version, o: 'UNSUCCESSFUL', on: '2025-06-02' });
    expect(stale.extensions?.code).toBe('CONFLICT');
    await ok(h, COMMUNE_OFFICIAL, RECORD, {
      input: {
        personId: c.personId,
        residenceUnitCode: COMMUNE,
        kind: 'VOCATIONAL_TRAINING',
        provider: 'Trường Trung cấp nghề',
        startedOn: '2025-05-02',
        outcome: 'UNSUCCESSFUL',
        outcomeOn: '2025-08-01',
        outcomeNote: 'Bỏ học',
      },
    });
    await ok(h, COMMUNE_OFFICIAL, RECORD, {
      input: {
        personId: c.personId,
        residenceUnitCode: COMMUNE,
        kind: 'JOB_PLACEMENT',
        provider: 'Công ty May 10',
        startedOn: '2025-05-03',
      },
    });
    const person = (await ok(
      h,
      COMMUNE_OFFICIAL,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { reintegrationSupports { kind outcome } } } }',
      { r: [{ __typename: 'Person', id: c.personId }] },
    )) as unknown as { reintegrationSupports: Row[] }[];
    expect(person[0]?.reintegrationSupports).toEqual([
      { kind: 'JOB_PLACEMENT', outcome: 'PENDING' },
      { kind: 'VOCATIONAL_TRAINING', outcome: 'UNSUCCESSFUL' },
      { kind: 'LOAN', outcome: 'SUCCEEDED' },
    ]);
  });

  it('refuses an amount for anything but a loan, and an outcome without its date', async () => {
    const personId = randomUUID();
    const base = { personId, residenceUnitCode: COMMUNE, provider: 'X', startedOn: '2025-05-01' };
    expect(
      (await fails(h, COMMUNE_OFFICIAL, RECORD, { input: { ...base, kind: 'JOB_PLACEMENT', amountVnd: 5 } })).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amountVnd' });
    expect(
      (await fails(h, COMMUNE_OFFICIAL, RECORD, { input: { ...base, kind: 'LOAN', outcome: 'SUCCEEDED' } })).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.outcomeOn' });
    expect(
      (await fails(h, { ...COMMUNE_OFFICIAL, unit: OTHER_COMMUNE }, RECORD, { input: { ...base, kind: 'LOAN' } })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
    // A person labour-welfare knows nothing of in the caller's unit (no episode, dossier or post-rehab case).
    expect((await fails(h, COMMUNE_OFFICIAL, RECORD, { input: { ...base, kind: 'LOAN' } })).extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.personId',
    });
  });
});
