import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  M,
  POLICE,
  REGIONAL_COURT,
  draft,
  fails,
  footprint,
  forwarded,
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

const NEIGHBOUR = '00008';
const FRONT: Actor = { role: 'front_officer', unit: COMMUNE };
/** Phường Ngọc Hà, Ba Đình's neighbour. */
const OTHER_FRONT: Actor = { role: 'front_officer', unit: NEIGHBOUR };
/** Fatherland Front of the city: the law gives the opinion to the commune's committee. */
const CITY_FRONT: Actor = { role: 'front_officer', unit: '01' };

const OPINION_FIELDS = `id status version frontOpinion { opinion reasoning givenOn unit { code } }`;
const RECORD = `mutation($id: ID!, $v: Int!, $input: FrontOpinionInput!) {
  recordFrontOpinion(id: $id, expectedVersion: $v, input: $input) { ${OPINION_FIELDS} } }`;
const WORKLIST = `query($answered: Boolean) { dossiersForFrontOpinion(answered: $answered) {
  id status ground subjectFullName subjectDateOfBirth submittedOn court { code } frontOpinion { opinion } } }`;
const AWAITING_DECISION = `{ dossiersAwaitingDecision { id frontOpinion { opinion reasoning givenOn } } }`;

const STARTED = '2026-08-03';

/** A dossier of `commune` (Hà Nội) its police sent to the regional court. */
async function sent(commune = COMMUNE): Promise<Row> {
  if (commune === COMMUNE) return forwarded(h, { startedOn: STARTED });
  const d = await draft(h, { startedOn: STARTED, commune });
  return ok(h, { role: 'police_officer', unit: commune }, M.submit, { id: d.id, v: d.version, on: STARTED, court: 'TAKV-HN01' });
}

const ids = (rows: unknown): string[] => (rows as Row[]).map((r) => r.id as string);

async function worklist(actor: Actor, answered = false): Promise<string[]> {
  return ids(await ok(h, actor, WORKLIST, { answered }));
}

async function notificationsFor(personId: string): Promise<Row[]> {
  return h.database.db.query<Row[]>(
    `SELECT topic, unit_path AS "unitPath", audience, occurred_on::text AS "occurredOn" FROM officer_notification
    WHERE person_id = $1 ORDER BY unit_path`,
    [personId],
  );
}

async function pathsOf(dossierId: string): Promise<{ personId: string; ownerPath: string; courtPath: string }> {
  const [row] = await h.database.db.query<[{ personId: string; ownerPath: string; courtPath: string }]>(
    `SELECT person_id AS "personId", owner_unit_path AS "ownerPath", court_unit_path AS "courtPath"
    FROM compulsory_rehab_dossier WHERE id = $1`,
    [dossierId],
  );
  return row;
}

describe("the Fatherland Front's opinion on a compulsory dossier", () => {
  it('lists the dossier sent to the court, records the opinion once, tells the commune and the court, and the court reads it', async () => {
    const d = await sent();
    expect(await worklist(FRONT)).toContain(d.id);
    const row = ((await ok(h, FRONT, WORKLIST)) as unknown as Row[]).find((r) => r.id === d.id);
    expect(row).toMatchObject({ status: 'FORWARDED_TO_COURT', subjectFullName: 'Nguyễn Văn Thử', court: { code: 'TAKV-HN01' } });

    const given = await ok(h, FRONT, RECORD, {
      id: d.id,
      v: d.version,
      input: {
        opinion: 'DISAGREE',
        reasoning: 'Gia đình cam kết quản lý, người này đã đăng ký điều trị methadone',
        givenOn: '2026-08-10',
      },
    });
    expect(given).toMatchObject({
      status: 'FORWARDED_TO_COURT',
      version: (d.version as number) + 1,
      frontOpinion: {
        opinion: 'DISAGREE',
        reasoning: 'Gia đình cam kết quản lý, người này đã đăng ký điều trị methadone',
        givenOn: '2026-08-10',
        unit: { code: COMMUNE },
      },
    });
    expect(await worklist(FRONT)).not.toContain(d.id);
    expect(await worklist(FRONT, true)).toContain(d.id);

    const court = (await ok(h, REGIONAL_COURT, AWAITING_DECISION)) as unknown as Row[];
    expect(court.find((r) => r.id === d.id)).toMatchObject({ frontOpinion: { opinion: 'DISAGREE', givenOn: '2026-08-10' } });

    const { personId, ownerPath, courtPath } = await pathsOf(d.id as string);
    const notes = (await notificationsFor(personId)).filter((n) => n.topic === 'dossier.front-opinion');
    expect(notes).toHaveLength(2);
    expect(notes).toEqual(
      expect.arrayContaining([
        {
          topic: 'dossier.front-opinion',
          unitPath: ownerPath,
          audience: ['police_officer', 'commune_official'],
          occurredOn: '2026-08-10',
        },
        { topic: 'dossier.front-opinion', unitPath: courtPath, audience: ['court_clerk'], occurredOn: '2026-08-10' },
      ]),
    );

    const [event] = await h.database.db.query<[{ action: string; actor_role: string; note: string }]>(
      `SELECT action, actor_role, note FROM case_event WHERE entity_id = $1 AND action = 'RECORD_FRONT_OPINION'`,
      [d.id],
    );
    expect(event).toMatchObject({ actor_role: 'front_officer', note: expect.stringContaining('Gia đình cam kết') });
    const [audit] = await h.database.db.query<[{ fields: string[]; role: string }]>(
      `SELECT fields, role FROM audit_log WHERE action = 'CHANGE' AND person_id = $1 AND role = 'front_officer'`,
      [personId],
    );
    expect(audit.fields).toEqual(expect.arrayContaining(['frontOpinion', 'frontOpinionOn']));

    const before = await footprint(h);
    const again = await fails(h, FRONT, RECORD, { id: d.id, v: given.version, input: { opinion: 'AGREE' } });
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(await footprint(h)).toEqual(before);
  });

  it('needs reasons to disagree, a date not in the future nor before the dossier was sent, and the version seen', async () => {
    const d = await sent();
    const before = await footprint(h);
    const cases: [Record<string, unknown>, string, string, number?][] = [
      [{ opinion: 'DISAGREE', givenOn: '2026-08-10' }, 'BAD_USER_INPUT', 'input.reasoning'],
      [{ opinion: 'DISAGREE', reasoning: '   ', givenOn: '2026-08-10' }, 'BAD_USER_INPUT', 'input.reasoning'],
      [{ opinion: 'AGREE', givenOn: addDays(todayInHanoi(), 1) }, 'BAD_USER_INPUT', 'input.givenOn'],
      [{ opinion: 'AGREE', givenOn: '2026-08-01' }, 'BAD_USER_INPUT', 'input.givenOn'],
      [{ opinion: 'AGREE', reasoning: 'x'.repeat(2001), givenOn: '2026-08-10' }, 'BAD_USER_INPUT', 'input.reasoning'],
      [{ opinion: 'AGREE', givenOn: '2026-08-10' }, 'CONFLICT', '', (d.version as number) - 1],
    ];
    for (const [input, code, field, version] of cases) {
      const error = await fails(h, FRONT, RECORD, { id: d.id, v: version ?? d.version, input });
      expect([error.extensions?.code, field ? error.extensions?.field : '']).toEqual([code, field]);
    }
    expect(await footprint(h)).toEqual(before);
    const agreed = await ok(h, FRONT, RECORD, { id: d.id, v: d.version, input: { opinion: 'AGREE' } });
    expect(agreed.frontOpinion).toMatchObject({ opinion: 'AGREE', reasoning: null, givenOn: todayInHanoi() });
  });

  it('is given only while the dossier awaits the court: not on a draft nor after the decision', async () => {
    const drafted = await draft(h, { startedOn: STARTED });
    expect(
      (await fails(h, FRONT, RECORD, { id: drafted.id, v: drafted.version, input: { opinion: 'AGREE' } })).extensions?.code,
    ).toBe('ILLEGAL_TRANSITION');
    const d = await sent();
    const decided = await ok(
      h,
      REGIONAL_COURT,
      `mutation($id: ID!, $v: Int!) { recordCourtDecision(id: $id, expectedVersion: $v,
      input: { outcome: REJECTED, decisionNumber: "7/QĐ-TA", decidedOn: "2026-08-20" }) { id version status } }`,
      { id: d.id, v: d.version },
    );
    expect(await worklist(FRONT)).not.toContain(d.id);
    const error = await fails(h, FRONT, RECORD, { id: d.id, v: decided.version, input: { opinion: 'AGREE' } });
    expect(error.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('belongs to the commune committee under the arrangement of its date', async () => {
    const d = await sent();
    // The city's Front is not the commune committee the table names.
    expect((await fails(h, CITY_FRONT, RECORD, { id: d.id, v: d.version, input: { opinion: 'AGREE' } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    // A dossier sent before the arrangement (1 January 2022) had no Front review in this system.
    const old = await forwarded(h, { startedOn: '2021-10-04' });
    const error = await fails(h, FRONT, RECORD, {
      id: old.id,
      v: old.version,
      input: { opinion: 'AGREE', givenOn: '2021-10-05' },
    });
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('who may read and act', () => {
  it("another commune's committee neither sees nor reaches the dossier", async () => {
    const d = await sent();
    expect(await worklist(OTHER_FRONT)).not.toContain(d.id);
    const error = await fails(h, OTHER_FRONT, RECORD, { id: d.id, v: d.version, input: { opinion: 'AGREE' } });
    expect(error.extensions?.code).toBe('NOT_FOUND');
    const own = await sent(NEIGHBOUR);
    expect(await worklist(OTHER_FRONT)).toContain(own.id);
    expect(await worklist(FRONT)).not.toContain(own.id);
  });

  it('only the Front committee records the opinion; other roles do not read its worklist', async () => {
    const d = await sent();
    for (const actor of [
      POLICE,
      REGIONAL_COURT,
      { role: 'commune_official', unit: COMMUNE } as Actor,
      { role: 'volunteer', unit: COMMUNE } as Actor,
    ]) {
      const error = await fails(h, actor, RECORD, { id: d.id, v: d.version, input: { opinion: 'AGREE' } });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    for (const role of ['police_officer', 'court_clerk', 'analyst', 'volunteer'] as const) {
      const result = await runAs(h, { role, unit: role === 'court_clerk' ? 'TAKV-HN01' : COMMUNE }, WORKLIST);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });

  it("the committee reads what the dossier proposes, not the dossier's history, its determination reference or the facility", async () => {
    const d = await sent();
    for (const field of [
      'events { action }',
      'addictionDeterminationRef',
      'allowedTerm { minMonths }',
      'episode { id }',
      'daysHeld',
    ]) {
      const result = await runAs(h, FRONT, `{ dossiersForFrontOpinion { id ${field} } }`);
      expect([field, result.errors?.[0]?.extensions?.code]).toEqual([field, 'FORBIDDEN']);
    }
    const byId = await runAs(h, FRONT, `query($id: ID!) { compulsoryRehabDossier(id: $id) { id } }`, { id: d.id });
    expect(byId.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const court = await runAs(h, FRONT, AWAITING_DECISION);
    expect(court.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
