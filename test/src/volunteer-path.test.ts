/**
 * The volunteer path through the gateway: the commune decides post-rehab management of a
 * seeded case (labour-welfare) or takes one under management, assigns a volunteer of the
 * commune (an account linked to the volunteer record by its username, as the demo account
 * tnv.xa00101 is in the seed) with the person's contact; the volunteer
 * sees only that contact on their worklist, logs visits, then a HIGH relapse risk, which
 * reaches the commune police's worklist and flags the post-rehab case at labour, through
 * the volunteers subgraph's outbox, exactly once (also when the notice is delivered again).
 */
import type { InProcessSystem } from '@rehab/ops';
import { todayInHanoi } from '@rehab/shared-schema';
import { seedIdentity } from '@rehab/gateway';
import { population, startTestSystem } from './fixtures';
import { call, eventually, refused, type Caller } from './legal-path-support';

let system: InProcessSystem;
let commune: Caller;
let volunteer: Caller;
let policeOfficer: Caller;
let labour: Caller;
const today = todayInHanoi();
/**
 * The test population (300 persons) has nobody under post-rehab management in 00101, the
 * demo accounts' commune: the test works in the commune of the first person who is, with
 * accounts of that commune minted for it, the volunteer's linked like the demo one.
 */
const subject = population.find((p) => p.postRehab !== null && !p.postRehab.completed && p.postRehab.relapsedOn === null);
const COMMUNE = subject?.currentResidence.unitCode ?? '';

beforeAll(async () => {
  if (!subject) throw new Error('no person under post-rehab management in the test population');
  system = await startTestSystem();
  await seedIdentity(system.dbs.identity, [
    { username: `ubnd.test${COMMUNE}`, displayName: 'Ủy ban xã (kiểm thử)', agency: 'police', role: 'commune_official', unitCode: COMMUNE },
    { username: `congan.test${COMMUNE}`, displayName: 'Công an xã (kiểm thử)', agency: 'police', role: 'police_officer', unitCode: COMMUNE },
    { username: `tnv.test${COMMUNE}`, displayName: 'Tình nguyện viên (kiểm thử)', agency: 'volunteers', role: 'volunteer', unitCode: COMMUNE },
  ]);
  await system.dbs.subgraphs.volunteers.db.query(`UPDATE volunteer SET username = $1
    WHERE id = (SELECT id FROM volunteer WHERE unit_code = $2 AND active ORDER BY id LIMIT 1)`, [`tnv.test${COMMUNE}`, COMMUNE]);
  commune = { system, token: await system.login(`ubnd.test${COMMUNE}`) };
  volunteer = { system, token: await system.login(`tnv.test${COMMUNE}`) };
  policeOfficer = { system, token: await system.login(`congan.test${COMMUNE}`) };
  labour = { system, token: await system.login('laodong.hanoi') };
});

afterAll(async () => {
  await system.stop();
});

const volunteersDb = () => system.dbs.subgraphs.volunteers.db;
const policeDb = () => system.dbs.subgraphs.police.db;

interface AssignedPerson { assignmentId: string; personId: string; fullName: string; age: number; address: string; phone: string | null;
  periodEndsOn: string | null; visitDue: boolean }
interface Worklist { volunteer: { id: string }; people: AssignedPerson[]; visitsDue: { assignmentId: string }[] }

const WORKLIST = `query($asOf: Date) { myVolunteerWorklist(asOf: $asOf) { volunteer { id }
  people { assignmentId personId fullName age address phone periodEndsOn visitDue } visitsDue { assignmentId } } }`;
const LOG = `mutation($a: ID!, $d: Date!, $k: SupportActivityKind!, $n: String, $r: RelapseRisk!) {
  logSupportActivity(assignmentId: $a, date: $d, kind: $k, note: $n, relapseRisk: $r) { id relapseRisk } }`;

const worklist = async (): Promise<Worklist> => (await call<{ myVolunteerWorklist: Worklist }>(volunteer, WORKLIST, { asOf: today })).myVolunteerWorklist;

/** Makes room for one more person on the demo volunteer's list (the seed may have filled it). */
async function makeRoom(list: Worklist): Promise<void> {
  const [{ max }] = await volunteersDb().query(`SELECT o.max_active_assignments AS max FROM volunteer v
    JOIN mass_organisation o ON o.code = v.organisation_code WHERE v.id = $1`, [list.volunteer.id]) as [{ max: number }];
  for (const p of list.people.slice(0, Math.max(0, list.people.length - max + 1))) {
    const seen = await call<{ person: { supportAssignments: { id: string; version: number; endedOn: string | null }[] } }>(commune,
      'query($id: ID!) { person(id: $id) { supportAssignments { id version endedOn } } }', { id: p.personId });
    const active = seen.person.supportAssignments.find((a) => a.id === p.assignmentId);
    await call(commune, 'mutation($id: ID!, $v: Int!, $d: Date!) { endAssignment(id: $id, expectedVersion: $v, endedOn: $d) { id } }',
      { id: active?.id, v: active?.version, d: today });
  }
}

/** The subject's post-rehab case, decided now when it awaits the decision; its id, person and period end. */
async function underManagement(): Promise<{ id: string; personId: string; endsOn: string }> {
  const personId = subject?.id as string;
  const seen = await call<{ person: { postRehabCases: { id: string; status: string; version: number; endsOn: string | null }[] | null } }>(commune,
    'query($id: ID!) { person(id: $id) { postRehabCases { id status version endsOn } } }', { id: personId });
  const open = seen.person.postRehabCases?.find((c) => c.status === 'AWAITING_DECISION' || c.status === 'UNDER_MANAGEMENT');
  if (!open) throw new Error(`no open post-rehab case for ${personId}: ${JSON.stringify(seen)}`);
  if (open.status === 'UNDER_MANAGEMENT') return { id: open.id, personId, endsOn: open.endsOn as string };
  const decided = await call<{ decidePostRehab: { status: string; endsOn: string } }>(commune, `mutation($id: ID!, $v: Int!, $d: Date!) {
    decidePostRehab(id: $id, expectedVersion: $v, input: { decisionNumber: "77/QĐ-UBND", decisionOn: $d }) { status endsOn } }`,
  { id: open.id, v: open.version, d: today });
  expect(decided.decidePostRehab.status).toBe('UNDER_MANAGEMENT');
  return { id: open.id, personId, endsOn: decided.decidePostRehab.endsOn };
}

describe('a volunteer helping a person after rehab', () => {
  it('assigns, logs visits and a high relapse risk that reaches police and labour once', async () => {
    // 1. A person under post-rehab management (decided now when the seeded case awaits the decision).
    const postCase = await underManagement();

    // 2. The commune official reads the person from the registry and assigns the demo volunteer with the contact.
    const { person } = await call<{ person: { id: string; fullName: string; dateOfBirth: string; currentResidence: { addressLine: string } } }>(commune,
      'query($id: ID!) { person(id: $id) { id fullName dateOfBirth currentResidence { addressLine } } }', { id: postCase.personId });
    const phone = population.find((p) => p.id === person.id)?.phone ?? null;
    await makeRoom(await worklist());
    const volunteerId = (await worklist()).volunteer.id;
    const ASSIGN = `mutation($p: ID!, $v: ID!, $s: Date!, $c: AssignedPersonContactInput!) {
      assignVolunteer(personId: $p, volunteerId: $v, reason: POST_REHAB_MANAGEMENT, startedOn: $s, contact: $c) { id volunteer { id } } }`;
    const contact = { fullName: person.fullName, dateOfBirth: person.dateOfBirth, address: person.currentResidence.addressLine, phone,
      periodEndsOn: postCase.endsOn };
    // Not the volunteer's to do.
    expect((await refused(volunteer, ASSIGN, { p: person.id, v: volunteerId, s: today, c: contact }))[0]?.extensions?.code).toBe('FORBIDDEN');
    const assigned = await call<{ assignVolunteer: { id: string; volunteer: { id: string } } }>(commune, ASSIGN,
      { p: person.id, v: volunteerId, s: today, c: contact });
    const assignmentId = assigned.assignVolunteer.id;

    // 3. The volunteer sees the person's name, age, address, phone and period, and no registry data.
    const mine = (await worklist()).people.find((p) => p.assignmentId === assignmentId);
    expect(mine).toEqual(expect.objectContaining({ personId: person.id, fullName: person.fullName, address: person.currentResidence.addressLine,
      phone, periodEndsOn: postCase.endsOn }));
    expect(typeof mine?.age).toBe('number');
    const registry = await system.graphql(volunteer.token, 'query($id: ID!) { person(id: $id) { fullName } }', { id: person.id });
    expect(registry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const file of ['drugUserManagements { id }', 'postRehabCases { id }', 'supportAssignments { id }']) {
      const denied = await system.graphql(volunteer.token, `query($id: ID!) { person(id: $id) { id ${file} } }`, { id: person.id });
      expect({ file, codes: denied.errors?.map((e) => e.extensions?.code) }).toEqual({ file, codes: ['FORBIDDEN'] });
    }

    // 4. Visits: a LOW risk stays in the volunteer's log; a HIGH one is reported.
    await call(volunteer, LOG, { a: assignmentId, d: today, k: 'VISIT', n: 'Gia đình hợp tác', r: 'NONE' });
    await call(volunteer, LOG, { a: assignmentId, d: today, k: 'COUNSELLING', n: null, r: 'LOW' });
    expect((await worklist()).visitsDue.map((p) => p.assignmentId)).not.toContain(assignmentId);
    await call(volunteer, LOG, { a: assignmentId, d: today, k: 'VISIT', n: 'Có biểu hiện sử dụng lại', r: 'HIGH' });

    // 5. The notices are delivered to police and labour.
    const outbox = () => volunteersDb().query(`SELECT id, destination, delivered_at FROM outbox_notice
      WHERE topic = 'support.relapse-risk' AND payload->>'assignmentId' = $1 ORDER BY destination`, [assignmentId]) as
      Promise<{ id: string; destination: string; delivered_at: Date | null }[]>;
    const sent = await eventually('both deliveries', outbox, (rows) => rows.length === 2 && rows.every((r) => r.delivered_at !== null));
    expect(sent.map((r) => r.destination)).toEqual(['labor-welfare', 'police']);

    const reports = async () => (await call<{ relapseRiskReports: { person: { id: string }; assignmentId: string; observedOn: string; note: string }[] }>(
      policeOfficer, 'query { relapseRiskReports { person { id } assignmentId observedOn note } }')).relapseRiskReports
      .filter((r) => r.assignmentId === assignmentId);
    expect(await reports()).toEqual([{ person: { id: person.id }, assignmentId, observedOn: today, note: 'Có biểu hiện sử dụng lại' }]);
    const events = async () => (await call<{ postRehabCase: { events: { action: string; note: string | null }[] } }>(labour,
      'query($id: ID!) { postRehabCase(id: $id) { events { action note } } }', { id: postCase.id })).postRehabCase.events
      .filter((e) => e.action === 'RELAPSE_RISK_REPORTED');
    expect(await events()).toEqual([{ action: 'RELAPSE_RISK_REPORTED', note: 'Có biểu hiện sử dụng lại' }]);

    // 6. Delivered again (a lost acknowledgement): nothing changes at either agency.
    await volunteersDb().query(`UPDATE outbox_notice SET delivered_at = NULL, next_attempt_at = now() WHERE id = ANY($1)`, [sent.map((r) => r.id)]);
    system.subgraphs.get('volunteers')?.outbox?.wake();
    await eventually('the second deliveries', outbox, (rows) => rows.every((r) => r.delivered_at !== null));
    expect(await reports()).toHaveLength(1);
    expect(await events()).toHaveLength(1);
    const [{ n }] = await policeDb().query(`SELECT count(*)::int AS n FROM relapse_risk_report WHERE assignment_id = $1`, [assignmentId]) as [{ n: number }];
    expect(n).toBe(1);

    // Police of another commune do not see it.
    const other = { system, token: await system.login(COMMUNE === '00102' ? 'congan.xa00101' : 'congan.xa00102') };
    const elsewhere = await call<{ relapseRiskReports: { assignmentId: string }[] }>(other, 'query { relapseRiskReports { assignmentId } }');
    expect(elsewhere.relapseRiskReports.filter((r) => r.assignmentId === assignmentId)).toEqual([]);
  });
});
