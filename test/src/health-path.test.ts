/**
 * The health half of the path through the gateway, each step by its demo account: a
 * determination requested by commune police, examined by a certified physician of a
 * clinic, the derived conclusion seen by police without the criteria, enrolment in
 * methadone treatment, 30 days of dosing entered a day per call, and the missed-dose
 * streak on the clinic's worklist.
 */
import type { InProcessSystem } from '@rehab/ops';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';
import { call, refused, registerPerson, type Caller } from './legal-path-support';

let system: InProcessSystem;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  system = await startTestSystem();
  const accounts = ['congan.xa00101', 'yte.mmt001', 'laodong.badinh', 'yte.hanoi'];
  const tokens = await Promise.all(accounts.map((u) => system.login(u)));
  accounts.forEach((u, i) => { as[u] = { system, token: tokens[i] as string }; });
});

afterAll(async () => {
  await system.stop();
});

const police = () => as['congan.xa00101'] as Caller;
const physician = () => as['yte.mmt001'] as Caller;
const labour = () => as['laodong.badinh'] as Caller;
/** The province health department: its unit contains the person's residence, so it reaches the person. */
const province = () => as['yte.hanoi'] as Caller;

const codes = (errors: readonly { extensions?: Record<string, unknown> }[]) => errors.map((e) => e.extensions?.code);

describe('the health path, end to end', () => {
  it('requests, examines, concludes, enrols and doses one person, flagging a missed streak', async () => {
    const today = todayInHanoi();
    const person = await registerPerson(police(), 'Trần Văn Điều Trị', '1988-06-15');

    // Request by commune police.
    const { requestAddictionDetermination: request } = await call<{ requestAddictionDetermination: { id: string } }>(police(),
      'mutation($p: ID!) { requestAddictionDetermination(personId: $p, reason: "Nghi nghiện heroin", requestedBy: POLICE) { id } }', { p: person.id });

    // Examination by a certified physician; the conclusion is derived from the criteria.
    const { recordAddictionExamination: exam } = await call<{ recordAddictionExamination: { findings: { addicted: boolean }[]; determination: { addicted: boolean; substanceClasses: string[] } } }>(physician(),
      `mutation($id: ID!, $i: AddictionExaminationInput!) { recordAddictionExamination(requestId: $id, input: $i) {
        findings { substanceClass addicted } determination { addicted substanceClasses } } }`,
      { id: request.id, i: { examinedOn: today, documentNumber: 'KQ-15/2026/MMT001', clinicalNotes: 'Hội chứng cai rõ',
        findings: [
          { substanceClass: 'OPIOIDS', criteria: ['CRAVING', 'LOSS_OF_CONTROL', 'TOLERANCE', 'WITHDRAWAL'], pattern: 'TOGETHER_AT_LEAST_ONE_MONTH' },
          { substanceClass: 'STIMULANTS', criteria: ['CRAVING'], pattern: 'NEITHER' },
        ] } });
    expect(exam.determination).toEqual({ addicted: true, substanceClasses: ['OPIOIDS'] });
    expect(exam.findings.map((f) => f.addicted)).toEqual([true, false]);

    // Police see the conclusion, through the person and through their request, never the criteria.
    const seen = await call<{ person: Record<string, unknown> }>(police(), `query($id: ID!) { person(id: $id) {
      addictionDeterminations { addicted substanceClasses documentNumber } addictionDeterminationRequests { id determination { addicted } } } }`, { id: person.id });
    expect(seen.person).toEqual({
      addictionDeterminations: [{ addicted: true, substanceClasses: ['OPIOIDS'], documentNumber: 'KQ-15/2026/MMT001' }],
      addictionDeterminationRequests: [{ id: request.id, determination: { addicted: true } }],
    });
    for (const field of ['addictionExaminations { findings { criteria } }', 'infectionStatus { hiv }', 'doses { mg }', 'urineTests { testedOn }']) {
      expect(codes(await refused(police(), `query($id: ID!) { person(id: $id) { ${field} } }`, { id: person.id }))).toContain('FORBIDDEN');
    }

    // Enrolment at the physician's clinic (date of birth and residence taken from the registry).
    const identity = await call<{ person: { dateOfBirth: string; currentResidence: { unit: { code: string } } } }>(police(),
      'query($id: ID!) { person(id: $id) { dateOfBirth currentResidence { unit { code } } } }', { id: person.id });
    const { enrollSubstitutionTreatment: treatment } = await call<{ enrollSubstitutionTreatment: { id: string; phase: string } }>(physician(),
      `mutation($p: ID!, $on: Date!, $dob: Date!, $res: ID!) { enrollSubstitutionTreatment(personId: $p, clinicCode: "MMT001", medication: METHADONE,
        enrolledOn: $on, dateOfBirth: $dob, residenceUnitCode: $res) { id phase } }`,
      { p: person.id, on: today, dob: identity.person.dateOfBirth, res: identity.person.currentResidence.unit.code });
    expect(treatment.phase).toBe('INDUCTION');
    for (const viewer of [police(), labour()]) {
      const status = await call<{ person: { substitutionTreatment: unknown } }>(viewer,
        'query($id: ID!) { person(id: $id) { substitutionTreatment { status phase clinic { code } } } }', { id: person.id });
      expect(status.person.substitutionTreatment).toEqual({ status: 'ACTIVE', phase: 'INDUCTION', clinic: { code: 'MMT001' } });
    }

    // 30 days of dosing, a day per call; the last four days are missed.
    const DOSED_DAYS = 26;
    for (let day = 0; day < DOSED_DAYS; day += 1) {
      const { recordClinicDoses } = await call<{ recordClinicDoses: { recorded: number } }>(physician(),
        `mutation($d: Date!, $doses: [DoseInput!]!) { recordClinicDoses(clinicCode: "MMT001", date: $d, doses: $doses) { recorded } }`,
        { d: addDays(today, day), doses: [{ personId: person.id, mg: day < 7 ? 20 + 5 * day : 60, kind: 'WITNESSED', dispensingPoint: 'Quầy số 1' }] });
      expect(recordClinicDoses.recorded).toBe(1);
    }
    const STREAKS = `query($asOf: Date!) { missedDoseStreaks(clinicCode: "MMT001", asOf: $asOf) { personId days lastDoseOn } }`;
    const streaks = async (asOf: string) => (await call<{ missedDoseStreaks: { personId: string; days: number; lastDoseOn: string }[] }>(physician(), STREAKS, { asOf }))
      .missedDoseStreaks.filter((s) => s.personId === person.id);
    expect(await streaks(addDays(today, DOSED_DAYS - 1))).toEqual([]);
    expect(await streaks(addDays(today, DOSED_DAYS + 1))).toEqual([]);
    expect(await streaks(addDays(today, 29))).toEqual([{ personId: person.id, days: 4, lastDoseOn: addDays(today, DOSED_DAYS - 1) }]);
    expect(codes(await refused(police(), STREAKS, { asOf: today }))).toContain('FORBIDDEN');

    const doses = await call<{ person: { doses: { date: string }[] } }>(province(), 'query($id: ID!) { person(id: $id) { doses { date mg kind } } }', { id: person.id });
    expect(doses.person.doses).toHaveLength(DOSED_DAYS);
    expect(doses.person.doses[0]?.date).toBe(addDays(today, DOSED_DAYS - 1));
  });
});
