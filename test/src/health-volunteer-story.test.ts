/**
 * The health and volunteer chain on ONE person, through the gateway, each step by the account whose job it
 * is: commune police request an addiction determination → a certified physician examines →
 * the conclusion is derived (police see it, never the criteria) → enrolment in methadone →
 * 30 days of dosing entered a clinic's day per call at a dispensing point of the clinic,
 * with a missed streak on the clinic's worklist → the same person, under post-rehab
 * management, gets a volunteer of the commune who sees only their contact, logs visits and
 * a HIGH relapse risk → it reaches the commune police and labour through the volunteers
 * outbox exactly once (also when the notice is delivered again).
 *
 * The subject is a seeded person under post-rehab management who is not in treatment; the
 * test works in that person's commune with accounts minted for it (the volunteer's linked to
 * a volunteer record by username, as the demo account tnv.phuongbadinh is in the seed).
 */
import type { InProcessSystem } from '@rehab/ops';
import { REFORM_DATE, addDays, todayInHanoi } from '@rehab/shared-schema';
import { seedIdentity } from '@rehab/gateway';
import { population, startTestSystem } from './fixtures';
import { call, eventually, refused, type Caller } from './legal-path-support';

let system: InProcessSystem;
let commune: Caller;
let volunteer: Caller;
let police: Caller;
let physician: Caller;
let labour: Caller;
let province: Caller;
const today = todayInHanoi();
/** Dosing starts 30 days ago: no dose may be dated in the future. */
const firstDay = addDays(today, -30);
// Under post-rehab management decided since the reform, in a commune of Hà Nội of today (so the case is that commune's).
const candidates = population.filter(
  (p) =>
    p.postRehab !== null &&
    !p.postRehab.completed &&
    p.postRehab.relapsedOn === null &&
    p.substitution === null &&
    p.postRehab.decisionOn >= REFORM_DATE &&
    p.home.unitPath.startsWith('01.') &&
    p.currentResidence.unitPath === p.home.unitPath,
);
let subject: (typeof population)[number] | undefined;
let COMMUNE = '';

beforeAll(async () => {
  system = await startTestSystem();
  // One the seed gave no volunteer yet (the test assigns one).
  const helped = new Set(
    (
      await system.dbs
        .subgraph('volunteers')
        .db.query<{ person_id: string }[]>('SELECT person_id FROM volunteer_assignment WHERE ended_on IS NULL')
    ).map((r) => r.person_id),
  );
  subject = candidates.find((p) => !helped.has(p.id));
  if (!subject)
    throw new Error('no person under post-rehab management outside treatment and without a volunteer in the test population');
  COMMUNE = subject.home.unitCode;
  await seedIdentity(system.dbs.identity, [
    {
      username: `ubnd.test${COMMUNE}`,
      displayName: 'Ủy ban xã (kiểm thử)',
      agency: 'commune',
      role: 'commune_official',
      unitCode: COMMUNE,
    },
    {
      username: `congan.test${COMMUNE}`,
      displayName: 'Công an xã (kiểm thử)',
      agency: 'police',
      role: 'police_officer',
      unitCode: COMMUNE,
    },
    {
      username: `tnv.test${COMMUNE}`,
      displayName: 'Tình nguyện viên (kiểm thử)',
      agency: 'volunteers',
      role: 'volunteer',
      unitCode: COMMUNE,
    },
  ]);
  await system.dbs.subgraph('volunteers').db.query(
    `UPDATE volunteer SET username = $1
    WHERE id = (SELECT id FROM volunteer WHERE unit_code = $2 AND active ORDER BY id LIMIT 1)`,
    [`tnv.test${COMMUNE}`, COMMUNE],
  );
  const login = async (username: string): Promise<Caller> => ({ system, token: await system.login(username) });
  [commune, volunteer, police, physician, labour, province] = (await Promise.all(
    [`ubnd.test${COMMUNE}`, `tnv.test${COMMUNE}`, `congan.test${COMMUNE}`, 'yte.mmt001', 'laodong.hanoi', 'yte.hanoi'].map(login),
  )) as [Caller, Caller, Caller, Caller, Caller, Caller];
});

afterAll(async () => {
  await system.stop();
});

const codes = (errors: readonly { extensions?: Record<string, unknown> }[]) => errors.map((e) => e.extensions?.code);
const volunteersDb = () => system.dbs.subgraph('volunteers').db;

async function determine(personId: string): Promise<void> {
  // The paper request reached the clinic five weeks ago: it is entered late, dated as the request was.
  const { requestAddictionDetermination: request } = await call<{
    requestAddictionDetermination: { id: string; lateEntry: boolean };
  }>(
    police,
    `mutation($p: ID!, $on: Date!) { requestAddictionDetermination(personId: $p, reason: "Nghi sử dụng lại heroin", requestedBy: POLICE,
      requestedOn: $on, lateEntryReason: "Đề nghị bằng văn bản giấy gửi trước") { id lateEntry } }`,
    { p: personId, on: addDays(firstDay, -5) },
  );
  expect(request.lateEntry).toBe(true);
  const { recordAddictionExamination: exam } = await call<{
    recordAddictionExamination: {
      findings: { addicted: boolean }[];
      determination: { addicted: boolean; substanceClasses: string[] };
    };
  }>(
    physician,
    `mutation($id: ID!, $i: AddictionExaminationInput!) { recordAddictionExamination(requestId: $id, input: $i) {
      findings { substanceClass addicted } determination { addicted substanceClasses } } }`,
    {
      id: request.id,
      i: {
        examinedOn: addDays(firstDay, -2),
        documentNumber: 'KQ-15/2026/MMT001',
        clinicalNotes: 'Hội chứng cai rõ',
        findings: [
          {
            substanceClass: 'OPIOIDS',
            criteria: ['CRAVING', 'LOSS_OF_CONTROL', 'TOLERANCE', 'WITHDRAWAL'],
            pattern: 'TOGETHER_AT_LEAST_ONE_MONTH',
          },
          { substanceClass: 'STIMULANTS', criteria: ['CRAVING'], pattern: 'NEITHER' },
        ],
      },
    },
  );
  expect(exam.determination).toEqual({ addicted: true, substanceClasses: ['OPIOIDS'] });
  expect(exam.findings.map((f) => f.addicted)).toEqual([true, false]);

  const seen = await call<{
    person: { addictionDeterminations: unknown[]; addictionDeterminationRequests: { id: string; determination: unknown }[] };
  }>(
    police,
    `query($id: ID!) { person(id: $id) { addictionDeterminations { addicted substanceClasses documentNumber }
      addictionDeterminationRequests { id determination { addicted } } } }`,
    { id: personId },
  );
  expect(seen.person.addictionDeterminations).toContainEqual({
    addicted: true,
    substanceClasses: ['OPIOIDS'],
    documentNumber: 'KQ-15/2026/MMT001',
  });
  expect(seen.person.addictionDeterminationRequests).toContainEqual({ id: request.id, determination: { addicted: true } });
  for (const field of [
    'addictionExaminations { findings { criteria } }',
    'infectionStatus { hiv }',
    'doses { mg }',
    'urineTests { testedOn }',
  ]) {
    expect(codes(await refused(police, `query($id: ID!) { person(id: $id) { ${field} } }`, { id: personId }))).toContain(
      'FORBIDDEN',
    );
  }
}

async function enrolAndDose(personId: string): Promise<void> {
  const identity = await call<{ person: { dateOfBirth: string; currentResidence: { unit: { code: string } } } }>(
    police,
    'query($id: ID!) { person(id: $id) { dateOfBirth currentResidence { unit { code } } } }',
    { id: personId },
  );
  const { enrollSubstitutionTreatment: treatment } = await call<{ enrollSubstitutionTreatment: { phase: string } }>(
    physician,
    `mutation($p: ID!, $on: Date!, $dob: Date!, $res: ID!) { enrollSubstitutionTreatment(personId: $p, clinicCode: "MMT001", medication: METHADONE,
      enrolledOn: $on, dateOfBirth: $dob, residenceUnitCode: $res) { phase } }`,
    { p: personId, on: firstDay, dob: identity.person.dateOfBirth, res: identity.person.currentResidence.unit.code },
  );
  expect(treatment.phase).toBe('INDUCTION');
  for (const viewer of [police, labour]) {
    const status = await call<{ person: { substitutionTreatment: unknown } }>(
      viewer,
      'query($id: ID!) { person(id: $id) { substitutionTreatment { status phase clinic { code } } } }',
      { id: personId },
    );
    expect(status.person.substitutionTreatment).toEqual({ status: 'ACTIVE', phase: 'INDUCTION', clinic: { code: 'MMT001' } });
  }

  // The clinic's points; doses go to its satellite point at the commune health station.
  const { clinics } = await call<{ clinics: { dispensingPoints: { code: string }[] }[] }>(
    physician,
    'query { clinics(unitCode: "MMT001") { dispensingPoints { code } } }',
  );
  const point = clinics[0]?.dispensingPoints[1]?.code;
  expect(point).toBe('MMT001-02');
  const DOSES = `mutation($d: Date!, $doses: [DoseInput!]!) { recordClinicDoses(clinicCode: "MMT001", date: $d, doses: $doses) { recorded } }`;
  const doseOn = (day: number) => ({ personId, mg: day < 7 ? 20 + 5 * day : 60, kind: 'WITNESSED', dispensingPointCode: point });
  // 30 days of the ledger: dosed on days 0–25, days 26–29 missed.
  const DOSED_DAYS = 26;
  for (let day = 0; day < DOSED_DAYS; day += 1) {
    const { recordClinicDoses } = await call<{ recordClinicDoses: { recorded: number } }>(physician, DOSES, {
      d: addDays(firstDay, day),
      doses: [doseOn(day)],
    });
    expect(recordClinicDoses.recorded).toBe(1);
  }
  // Tomorrow cannot be entered yet.
  expect(codes(await refused(physician, DOSES, { d: addDays(today, 1), doses: [doseOn(30)] }))).toEqual(['BAD_USER_INPUT']);

  const STREAKS = `query($asOf: Date!) { missedDoseStreaks(clinicCode: "MMT001", asOf: $asOf) { personId days lastDoseOn } }`;
  const streaks = async (asOf: string) =>
    (
      await call<{ missedDoseStreaks: { personId: string; days: number; lastDoseOn: string }[] }>(physician, STREAKS, { asOf })
    ).missedDoseStreaks.filter((s) => s.personId === personId);
  expect(await streaks(addDays(firstDay, DOSED_DAYS - 1))).toEqual([]);
  expect(await streaks(addDays(firstDay, DOSED_DAYS + 1))).toEqual([]);
  expect(await streaks(addDays(firstDay, 29))).toEqual([{ personId, days: 4, lastDoseOn: addDays(firstDay, DOSED_DAYS - 1) }]);
  expect(codes(await refused(police, STREAKS, { asOf: today }))).toContain('FORBIDDEN');

  const doses = await call<{ person: { doses: { date: string; dispensingPoint: { code: string } }[] } }>(
    province,
    'query($id: ID!) { person(id: $id) { doses { date mg kind dispensingPoint { code } } } }',
    { id: personId },
  );
  expect(doses.person.doses).toHaveLength(DOSED_DAYS);
  expect(doses.person.doses[0]).toMatchObject({
    date: addDays(firstDay, DOSED_DAYS - 1),
    dispensingPoint: { code: 'MMT001-02' },
  });
}

/** The subject's post-rehab case, decided now when it awaits the decision. */
async function underManagement(personId: string): Promise<{ id: string; endsOn: string }> {
  const seen = await call<{
    person: { postRehabCases: { id: string; status: string; version: number; endsOn: string | null }[] | null };
  }>(commune, 'query($id: ID!) { person(id: $id) { postRehabCases { id status version endsOn } } }', { id: personId });
  const open = seen.person.postRehabCases?.find((c) => c.status === 'AWAITING_DECISION' || c.status === 'UNDER_MANAGEMENT');
  if (!open) throw new Error(`no open post-rehab case for ${personId}`);
  if (open.status === 'UNDER_MANAGEMENT') return { id: open.id, endsOn: open.endsOn as string };
  const decided = await call<{ decidePostRehab: { status: string; endsOn: string } }>(
    commune,
    `mutation($id: ID!, $v: Int!, $d: Date!) {
    decidePostRehab(id: $id, expectedVersion: $v, input: { decisionNumber: "77/QĐ-UBND", decisionOn: $d }) { status endsOn } }`,
    { id: open.id, v: open.version, d: today },
  );
  expect(decided.decidePostRehab.status).toBe('UNDER_MANAGEMENT');
  return { id: open.id, endsOn: decided.decidePostRehab.endsOn };
}

interface Worklist {
  volunteer: { id: string };
  people: {
    assignmentId: string;
    personId: string;
    fullName: string;
    age: number;
    address: string;
    phone: string | null;
    periodEndsOn: string | null;
  }[];
  visitsDue: { assignmentId: string }[];
}
const WORKLIST = `query($asOf: Date) { myVolunteerWorklist(asOf: $asOf) { volunteer { id }
  people { assignmentId personId fullName age address phone periodEndsOn } visitsDue { assignmentId } } }`;
const worklist = async (): Promise<Worklist> =>
  (await call<{ myVolunteerWorklist: Worklist }>(volunteer, WORKLIST, { asOf: today })).myVolunteerWorklist;

/** Makes room for one more person on the volunteer's list (the seed may have filled it). */
async function makeRoom(list: Worklist): Promise<void> {
  const [{ max }] = await volunteersDb().query<[{ max: number }]>(
    `SELECT o.max_active_assignments AS max FROM volunteer v
    JOIN mass_organisation o ON o.code = v.organisation_code WHERE v.id = $1`,
    [list.volunteer.id],
  );
  for (const p of list.people.slice(0, Math.max(0, list.people.length - max + 1))) {
    const seen = await call<{ person: { supportAssignments: { id: string; version: number }[] } }>(
      commune,
      'query($id: ID!) { person(id: $id) { supportAssignments { id version } } }',
      { id: p.personId },
    );
    const active = seen.person.supportAssignments.find((a) => a.id === p.assignmentId);
    await call(
      commune,
      'mutation($id: ID!, $v: Int!, $d: Date!) { endAssignment(id: $id, expectedVersion: $v, endedOn: $d) { id } }',
      { id: active?.id, v: active?.version, d: today },
    );
  }
}

async function assignVolunteer(personId: string, endsOn: string): Promise<string> {
  const { person } = await call<{ person: { fullName: string; dateOfBirth: string; currentResidence: { addressLine: string } } }>(
    commune,
    'query($id: ID!) { person(id: $id) { fullName dateOfBirth currentResidence { addressLine } } }',
    { id: personId },
  );
  const phone = subject?.phone ?? null;
  await makeRoom(await worklist());
  const volunteerId = (await worklist()).volunteer.id;
  const ASSIGN = `mutation($p: ID!, $v: ID!, $s: Date!, $c: AssignedPersonContactInput!) {
    assignVolunteer(personId: $p, volunteerId: $v, reason: POST_REHAB_MANAGEMENT, startedOn: $s, contact: $c) { id } }`;
  const contact = {
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    address: person.currentResidence.addressLine,
    phone,
    periodEndsOn: endsOn,
  };
  expect(codes(await refused(volunteer, ASSIGN, { p: personId, v: volunteerId, s: today, c: contact }))).toEqual(['FORBIDDEN']);
  const assignmentId = (
    await call<{ assignVolunteer: { id: string } }>(commune, ASSIGN, { p: personId, v: volunteerId, s: today, c: contact })
  ).assignVolunteer.id;

  // The volunteer sees the name, age, address, phone and period; nothing clinical, nothing from police files.
  const mine = (await worklist()).people.find((p) => p.assignmentId === assignmentId);
  expect(mine).toEqual(
    expect.objectContaining({
      personId,
      fullName: person.fullName,
      address: person.currentResidence.addressLine,
      phone,
      periodEndsOn: endsOn,
    }),
  );
  expect(typeof mine?.age).toBe('number');
  for (const field of [
    'fullName',
    'drugUserManagements { id }',
    'postRehabCases { id }',
    'supportAssignments { id }',
    'substitutionTreatment { phase }',
    'addictionDeterminations { addicted }',
    'doses { mg }',
    'infectionStatus { hiv }',
  ]) {
    const denied = await system.graphql(volunteer.token, `query($id: ID!) { person(id: $id) { ${field} } }`, { id: personId });
    expect({ field, codes: denied.errors?.map((e) => e.extensions?.code) }).toEqual({ field, codes: ['FORBIDDEN'] });
  }
  return assignmentId;
}

async function relapseRiskReachesPoliceAndLabour(personId: string, caseId: string, assignmentId: string): Promise<void> {
  const LOG = `mutation($a: ID!, $d: Date!, $k: SupportActivityKind!, $n: String, $r: RelapseRisk!) {
    logSupportActivity(assignmentId: $a, date: $d, kind: $k, note: $n, relapseRisk: $r) { id } }`;
  await call(volunteer, LOG, { a: assignmentId, d: today, k: 'VISIT', n: 'Gia đình hợp tác', r: 'NONE' });
  await call(volunteer, LOG, { a: assignmentId, d: today, k: 'COUNSELLING', n: null, r: 'LOW' });
  expect((await worklist()).visitsDue.map((p) => p.assignmentId)).not.toContain(assignmentId);
  await call(volunteer, LOG, {
    a: assignmentId,
    d: today,
    k: 'VISIT',
    n: 'Bỏ uống methadone, có biểu hiện sử dụng lại',
    r: 'HIGH',
  });

  const outbox = () =>
    volunteersDb().query<{ id: string; destination: string; delivered_at: Date | null }[]>(
      `SELECT id, destination, delivered_at FROM outbox_notice
    WHERE topic = 'support.relapse-risk' AND payload->>'assignmentId' = $1 ORDER BY destination`,
      [assignmentId],
    );
  const sent = await eventually(
    'both deliveries',
    outbox,
    (rows) => rows.length === 2 && rows.every((r) => r.delivered_at !== null),
  );
  expect(sent.map((r) => r.destination)).toEqual(['labor-welfare', 'police']);

  const reports = async () =>
    (
      await call<{ relapseRiskReports: { person: { id: string }; assignmentId: string; observedOn: string; note: string }[] }>(
        police,
        'query { relapseRiskReports { person { id } assignmentId observedOn note } }',
      )
    ).relapseRiskReports.filter((r) => r.assignmentId === assignmentId);
  expect(await reports()).toEqual([
    { person: { id: personId }, assignmentId, observedOn: today, note: 'Bỏ uống methadone, có biểu hiện sử dụng lại' },
  ]);
  const events = async () =>
    (
      await call<{ postRehabCase: { events: { action: string }[] } }>(
        labour,
        'query($id: ID!) { postRehabCase(id: $id) { events { action } } }',
        { id: caseId },
      )
    ).postRehabCase.events.filter((e) => e.action === 'RELAPSE_RISK_REPORTED');
  expect(await events()).toHaveLength(1);

  // Delivered again (a lost acknowledgement): nothing changes at either agency.
  await volunteersDb().query(`UPDATE outbox_notice SET delivered_at = NULL, next_attempt_at = now() WHERE id = ANY($1)`, [
    sent.map((r) => r.id),
  ]);
  system.subgraphs.get('volunteers')?.outbox?.wake();
  await eventually('the second deliveries', outbox, (rows) => rows.every((r) => r.delivered_at !== null));
  expect(await reports()).toHaveLength(1);
  expect(await events()).toHaveLength(1);
  // Police of another commune do not see it.
  const other = { system, token: await system.login(COMMUNE === '00008' ? 'congan.phuongbadinh' : 'congan.phuongngocha') };
  const elsewhere = await call<{ relapseRiskReports: { assignmentId: string }[] }>(
    other,
    'query { relapseRiskReports { assignmentId } }',
  );
  expect(elsewhere.relapseRiskReports.filter((r) => r.assignmentId === assignmentId)).toEqual([]);
}

describe("one person from determination to a volunteer's relapse report", () => {
  it('requests, examines, enrols, doses 30 days with a missed streak, assigns a volunteer and reports a relapse risk', async () => {
    const personId = subject?.id as string;
    await determine(personId);
    await enrolAndDose(personId);
    const postCase = await underManagement(personId);
    const assignmentId = await assignVolunteer(personId, postCase.endsOn);
    await relapseRiskReachesPoliceAndLabour(personId, postCase.id, assignmentId);
  });
});
