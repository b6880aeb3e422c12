import { randomUUID } from 'node:crypto';
import { announceTestPersons, demoUnits } from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { openHealthHarness, type HealthHarness, type Result } from './harness';

const { COMMUNE } = demoUnits;

/**
 * What health tells police for the treatment-registration deadline: an addiction concluded
 * (with the day the person was told) and an enrolment in substitution treatment, each queued
 * in the outbox in the transaction of the change.
 */
let h: HealthHarness;
const TODAY = todayInHanoi();

beforeAll(async () => {
  h = await openHealthHarness({ persons: 10, physician: true });
});

afterAll(async () => {
  await h.close();
});

const run: HealthHarness['run'] = (...args) => h.run(...args);

function ok<T>(result: Result, field: string): T {
  expect(result.errors).toBeUndefined();
  return (result.data as Record<string, T>)[field] as T;
}

const REQUEST = `mutation($p: ID!, $on: Date) { requestAddictionDetermination(personId: $p, reason: "Phát hiện sử dụng", requestedBy: POLICE,
  requestedOn: $on, lateEntryReason: "Đề nghị bằng văn bản giấy") { id } }`;
const EXAMINE = `mutation($id: ID!, $input: AddictionExaminationInput!) { recordAddictionExamination(requestId: $id, input: $input) {
  determination { id addicted examinedOn informedOn substanceClasses } } }`;
const ENROL = `mutation($p: ID!) { enrollSubstitutionTreatment(personId: $p, clinicCode: "MMT001", medication: METHADONE, enrolledOn: "${TODAY}",
  dateOfBirth: "1990-01-01", residenceUnitCode: "${COMMUNE}") { id } }`;

const TRANSFER = `mutation($t: ID!) { transferTreatment(treatmentId: $t, toClinicCode: "MMT002") { id } }`;
const TERMINATE = `mutation($t: ID!, $on: Date!) { terminateTreatment(treatmentId: $t, reason: FORCED_REPEATED_POSITIVE_TESTS,
  note: "Dương tính nhiều lần", on: $on) { id } }`;
const ADVANCE = `mutation($t: ID!, $to: SubstitutionPhase!, $on: Date!) { advanceTreatmentPhase(treatmentId: $t, to: $to, on: $on) { id } }`;

const ADDICTED = [
  { substanceClass: 'STIMULANTS', criteria: ['CRAVING', 'TOLERANCE', 'LOSS_OF_CONTROL'], pattern: 'REPEATED_WITHIN_12_MONTHS' },
  { substanceClass: 'OPIOIDS', criteria: ['CRAVING', 'TOLERANCE', 'WITHDRAWAL'], pattern: 'TOGETHER_AT_LEAST_ONE_MONTH' },
];
const NOT_ADDICTED = [{ substanceClass: 'CANNABIS', criteria: ['CRAVING'], pattern: 'NEITHER' }];

async function examine(
  findings: unknown[],
  dates: { examinedOn: string; informedOn?: string },
): Promise<{ person: string; result: Result }> {
  const [person] = (await announceTestPersons(h.database.db, COMMUNE, randomUUID())) as [string];
  // Requested on paper a week ago (entered late), so the examination and the informed date may lie in the past days.
  const id = ok<{ id: string }>(
    await run(REQUEST, { p: person, on: addDays(TODAY, -7) }, 'police_officer', COMMUNE),
    'requestAddictionDetermination',
  ).id;
  const result = await run(EXAMINE, { id, input: { ...dates, documentNumber: 'KQ-9/2026', findings } }, 'health_worker');
  return { person, result };
}

const notices = (topic: string, person: string) =>
  h.database.db.query<{ destination: string; payload: unknown }[]>(
    `SELECT destination, payload FROM outbox_notice WHERE topic = $1 AND payload->>'personId' = $2 ORDER BY destination`,
    [topic, person],
  );

describe('notices to police for the treatment-registration deadline', () => {
  it('tells police of an addiction with the day the person was told', async () => {
    const examinedOn = addDays(TODAY, -3);
    const informedOn = addDays(TODAY, -1);
    const { person, result } = await examine(ADDICTED, { examinedOn, informedOn });
    const d = ok<{ determination: { id: string } }>(result, 'recordAddictionExamination').determination;
    expect(d).toMatchObject({ addicted: true, examinedOn, informedOn, substanceClasses: ['OPIOIDS', 'STIMULANTS'] });
    expect(await notices('addiction.determined', person)).toEqual([
      {
        destination: 'police',
        payload: {
          personId: person,
          determinationId: d.id,
          determinedOn: examinedOn,
          informedOn,
          substanceClasses: ['OPIOIDS', 'STIMULANTS'],
        },
      },
    ]);
  });

  it('takes the examination date as the informed date by default, and sends nothing when not addicted', async () => {
    const examinedOn = addDays(TODAY, -2);
    const addicted = await examine(ADDICTED, { examinedOn });
    expect(ok<{ determination: unknown }>(addicted.result, 'recordAddictionExamination').determination).toMatchObject({
      informedOn: examinedOn,
    });
    expect(
      (await notices('addiction.determined', addicted.person)).map((n) => (n.payload as { informedOn: string }).informedOn),
    ).toEqual([examinedOn]);
    const clean = await examine(NOT_ADDICTED, { examinedOn });
    expect(ok<{ determination: unknown }>(clean.result, 'recordAddictionExamination').determination).toMatchObject({
      addicted: false,
      informedOn: examinedOn,
    });
    expect(await notices('addiction.determined', clean.person)).toEqual([]);
  });

  it('refuses an informed date before the examination or in the future, recording and sending nothing', async () => {
    const count = async () =>
      (
        await h.database.db.query<unknown[]>(`SELECT (SELECT count(*) FROM addiction_determination)::int AS d,
      (SELECT count(*) FROM outbox_notice)::int AS o`)
      )[0];
    const before = await count();
    for (const informedOn of [addDays(TODAY, -5), addDays(TODAY, 1)]) {
      const { result } = await examine(ADDICTED, { examinedOn: addDays(TODAY, -4), informedOn });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.informedOn' });
    }
    expect(await count()).toEqual(before);
  });

  it('tells police of an enrolment in substitution treatment', async () => {
    const { person } = await examine(ADDICTED, { examinedOn: addDays(TODAY, -1) });
    const t = ok<{ id: string }>(await run(ENROL, { p: person }, 'health_worker'), 'enrollSubstitutionTreatment');
    const payload = { personId: person, treatmentId: t.id, enrolledOn: TODAY };
    // Police count it as a registration; labour-welfare opens the commune's post-rehab management.
    expect(await notices('treatment.substitution-started', person)).toEqual([
      { destination: 'labor-welfare', payload },
      { destination: 'police', payload },
    ]);
  });

  it('tells labour-welfare when a treatment stops, with how, and not when it moves to another clinic', async () => {
    const stop = async (steps: (t: string) => Promise<void>): Promise<{ person: string; t: string }> => {
      const { person } = await examine(ADDICTED, { examinedOn: addDays(TODAY, -1) });
      const t = ok<{ id: string }>(await run(ENROL, { p: person }, 'health_worker'), 'enrollSubstitutionTreatment').id;
      await steps(t);
      return { person, t };
    };
    const terminated = await stop(async (t) => {
      ok(await run(TRANSFER, { t }, 'health_worker'), 'transferTreatment');
      ok(await run(TERMINATE, { t, on: TODAY }, 'health_worker'), 'terminateTreatment');
    });
    expect(await notices('treatment.substitution-ended', terminated.person)).toEqual([
      {
        destination: 'labor-welfare',
        payload: {
          personId: terminated.person,
          treatmentId: terminated.t,
          stoppedOn: TODAY,
          reason: 'FORCED_REPEATED_POSITIVE_TESTS',
        },
      },
    ]);
    const tapered = await stop(async (t) => {
      for (const to of ['DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING', 'STOPPED'])
        ok(await run(ADVANCE, { t, to, on: TODAY }, 'health_worker'), 'advanceTreatmentPhase');
    });
    expect((await notices('treatment.substitution-ended', tapered.person)).map((n) => n.payload)).toEqual([
      { personId: tapered.person, treatmentId: tapered.t, stoppedOn: TODAY, reason: 'COMPLETED' },
    ]);
    // A phase change short of stopping tells nobody it ended.
    const ongoing = await stop(async (t) => {
      ok(await run(ADVANCE, { t, to: 'DOSE_ADJUSTMENT', on: TODAY }, 'health_worker'), 'advanceTreatmentPhase');
    });
    expect(await notices('treatment.substitution-ended', ongoing.person)).toEqual([]);
  });
});
