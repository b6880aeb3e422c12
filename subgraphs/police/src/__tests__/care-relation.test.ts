import { randomUUID } from 'node:crypto';
import { undoMigrationsAfter, type Notice } from '@rehab/server-kit';
import { addDays, todayInHanoi, type Role } from '@rehab/shared-schema';
import { dataOf, errorOf, openHarness, register, type Harness, type RegisteredPerson } from './harness';
import { deliverToPolice, noticeToPolice } from './harness';

/**
 * The care relation: health's care.substitution and labour-welfare's care.facility notices let
 * the clinic's health workers and the facility's staff read the identity (and only the identity)
 * of the people in their care, while the care lasts, each read audited.
 */
let h: Harness;
const today = todayInHanoi();

beforeAll(async () => {
  h = await openHarness([]);
});
afterAll(async () => {
  await h.close();
});

const notice = noticeToPolice;
const deliver = (n: Notice): Promise<void> => deliverToPolice(h, n);

interface Period {
  personId: string;
  recordId: string;
  careUnitCode: string;
  startedOn: string;
  endedOn: string | null;
}
const substitution = (...periods: Period[]) => notice('care.substitution', 'health', { periods });
const facility = (...periods: Period[]) => notice('care.facility', 'labor-welfare', { periods });

const IDENTITY = `query($id: ID!) { person(id: $id) { id fullName dateOfBirth identificationNumber } }`;
const RESIDENCE = `query($id: ID!) { person(id: $id) { id fullName currentResidence { addressLine } } }`;
const BY_NUMBER = `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { id fullName } }`;
const SEARCH = `query($name: String!) { persons(name: $name, first: 20) { totalCount nodes { id fullName } } }`;

/** The identity read, or null when the record is not the caller's to read (then refused as out of scope, nothing else). */
async function identityAs(role: Role, unit: string, id: string): Promise<{ fullName: string; dateOfBirth: string } | null> {
  const result = await h.run(IDENTITY, { id }, role, unit);
  if (!result.errors) return dataOf<{ person: { fullName: string; dateOfBirth: string } | null }>(result).person;
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(typeof result.errors[0]?.extensions?.breakGlassUnit).toBe('string');
  expect(result.data?.person ?? null).toBeNull();
  return null;
}

async function readAudits(personId: string, unit: string): Promise<{ fields: string[] }[]> {
  return h.database.db.query<{ fields: string[] }[]>(
    `SELECT fields FROM audit_log WHERE person_id = $1 AND action = 'READ' AND unit_code = $2 AND entity_type = 'Person'`,
    [personId, unit],
  );
}

describe('a clinic (substitution treatment)', () => {
  let patient: RegisteredPerson;
  let other: RegisteredPerson;
  const treatment = randomUUID();

  beforeAll(async () => {
    patient = await register(h, { fullName: 'Trần Văn Chăm Sóc' });
    other = await register(h, { fullName: 'Lê Thị Khác Phòng' });
    await deliver(
      substitution(
        { personId: patient.id, recordId: treatment, careUnitCode: 'MMT001', startedOn: addDays(today, -30), endedOn: null },
        { personId: other.id, recordId: randomUUID(), careUnitCode: 'MMT002', startedOn: addDays(today, -30), endedOn: null },
      ),
    );
  });

  it('lets a health worker of the clinic read the name of its patient, audited, and not of another clinic', async () => {
    expect(await identityAs('health_worker', 'MMT001', patient.id)).toEqual(
      expect.objectContaining({ fullName: 'Trần Văn Chăm Sóc', dateOfBirth: patient.dateOfBirth }),
    );
    expect((await readAudits(patient.id, 'MMT001')).flatMap((r) => r.fields)).toEqual(
      expect.arrayContaining(['fullName', 'dateOfBirth', 'identificationNumber']),
    );
    // The patient of clinic B is not readable at clinic A: only the record's existence is told (and audited).
    expect(await identityAs('health_worker', 'MMT001', other.id)).toBeNull();
    expect((await readAudits(other.id, 'MMT001')).flatMap((r) => r.fields)).toEqual(['existence']);
    const byNumber = await h.run(BY_NUMBER, { n: other.identificationNumber }, 'health_worker', 'MMT001');
    expect(errorOf(byNumber).code).toBe('FORBIDDEN');
    expect(byNumber.data?.personByIdentificationNumber ?? null).toBeNull();
    // A facility's staff have no care of a clinic's patient.
    expect(await identityAs('facility_staff', 'CSCN1', patient.id)).toBeNull();
  });

  it('finds only its own patients by name', async () => {
    const found = dataOf<{ persons: { totalCount: number; nodes: { id: string; fullName: string }[] } }>(
      await h.run(SEARCH, { name: 'cham soc' }, 'health_worker', 'MMT001'),
    ).persons;
    expect(found.nodes.map((n) => n.id)).toEqual([patient.id]);
    const elsewhere = dataOf<{ persons: { totalCount: number } }>(
      await h.run(SEARCH, { name: 'khac phong' }, 'health_worker', 'MMT001'),
    ).persons;
    expect(elsewhere.totalCount).toBe(0);
    const registry = dataOf<{ persons: { totalCount: number } }>(
      await h.run(SEARCH, { name: 'nguyen' }, 'health_worker', 'MMT001'),
    );
    expect(registry.persons.totalCount).toBe(0);
  });

  it('opens the identity only, never the residence or police records', async () => {
    const result = await h.run(RESIDENCE, { id: patient.id }, 'health_worker', 'MMT001');
    expect(errorOf(result).code).toBe('FORBIDDEN');
    // The identity stays readable; the refused field alone is null (the portal shows it as not allowed).
    expect(result.data?.person).toEqual({ id: patient.id, fullName: 'Trần Văn Chăm Sóc', currentResidence: null });
    for (const field of ['otherNames', 'sex', 'ethnicity', 'permanentResidence { addressLine }', 'drugUserManagements { id }']) {
      const refused = await h.run(
        `query($id: ID!) { person(id: $id) { id ${field} } }`,
        { id: patient.id },
        'facility_staff',
        'CSCN1',
      );
      // (Facility staff have no care of this patient: the whole record is out of their scope.)
      expect(errorOf(refused).code).toBe('FORBIDDEN');
      expect(refused.data?.person ?? null).toBeNull();
      const clinic = await h.run(
        `query($id: ID!) { person(id: $id) { id ${field} } }`,
        { id: patient.id },
        'health_worker',
        'MMT001',
      );
      expect(errorOf(clinic).code).toBe('FORBIDDEN');
    }
    // A province's health worker reads by unit as before (the residence included).
    const province = await h.run(RESIDENCE, { id: patient.id }, 'health_worker', '01');
    expect(dataOf<{ person: { currentResidence: { addressLine: string } } }>(province).person.currentResidence.addressLine).toBe(
      'Số 1 phố Thử',
    );
  });

  it('moves with a transfer (A loses, B gains) and ends with the treatment', async () => {
    await deliver(
      substitution(
        {
          personId: patient.id,
          recordId: treatment,
          careUnitCode: 'MMT001',
          startedOn: addDays(today, -30),
          endedOn: addDays(today, -1),
        },
        { personId: patient.id, recordId: treatment, careUnitCode: 'MMT002', startedOn: today, endedOn: null },
      ),
    );
    expect(await identityAs('health_worker', 'MMT001', patient.id)).toBeNull();
    expect(await identityAs('health_worker', 'MMT002', patient.id)).toEqual(
      expect.objectContaining({ fullName: 'Trần Văn Chăm Sóc' }),
    );
    // A redelivery of the transfer changes nothing.
    const before = await h.database.db.query('SELECT * FROM care_relation WHERE person_id = $1 ORDER BY started_on', [
      patient.id,
    ]);
    await deliver(
      substitution({ personId: patient.id, recordId: treatment, careUnitCode: 'MMT002', startedOn: today, endedOn: null }),
    );
    expect(
      await h.database.db.query('SELECT * FROM care_relation WHERE person_id = $1 ORDER BY started_on', [patient.id]),
    ).toEqual(before);
    // Terminated yesterday: the treatment ended, and with it the clinic's access.
    await deliver(
      substitution({
        personId: patient.id,
        recordId: treatment,
        careUnitCode: 'MMT002',
        startedOn: today,
        endedOn: addDays(today, -1),
      }),
    );
    expect(await identityAs('health_worker', 'MMT002', patient.id)).toBeNull();
    const search = dataOf<{ persons: { totalCount: number } }>(
      await h.run(SEARCH, { name: 'cham soc' }, 'health_worker', 'MMT002'),
    );
    expect(search.persons.totalCount).toBe(0);
  });

  it('ends on the last day of care, inclusive', async () => {
    const p = await register(h, { fullName: 'Phạm Văn Hôm Nay' });
    await deliver(
      substitution({
        personId: p.id,
        recordId: randomUUID(),
        careUnitCode: 'MMT004',
        startedOn: addDays(today, -5),
        endedOn: today,
      }),
    );
    expect(await identityAs('health_worker', 'MMT004', p.id)).toEqual(expect.objectContaining({ fullName: 'Phạm Văn Hôm Nay' }));
    const later = await register(h, { fullName: 'Phạm Văn Chưa Bắt Đầu' });
    // A care that starts tomorrow opens nothing today.
    await deliver(
      substitution({
        personId: later.id,
        recordId: randomUUID(),
        careUnitCode: 'MMT004',
        startedOn: addDays(today, 1),
        endedOn: null,
      }),
    );
    expect(await identityAs('health_worker', 'MMT004', later.id)).toBeNull();
  });
});

describe('a facility (residence)', () => {
  let resident: RegisteredPerson;
  const episode = randomUUID();

  beforeAll(async () => {
    resident = await register(h, { fullName: 'Đỗ Văn Học Viên' });
    await deliver(
      facility({
        personId: resident.id,
        recordId: episode,
        careUnitCode: 'CSCN1',
        startedOn: addDays(today, -60),
        endedOn: null,
      }),
    );
  });

  it('lets the staff of the facility read their resident, not another facility, and follows a transfer and the completion', async () => {
    expect(await identityAs('facility_staff', 'CSCN1', resident.id)).toEqual(
      expect.objectContaining({ fullName: 'Đỗ Văn Học Viên' }),
    );
    expect(await readAudits(resident.id, 'CSCN1')).not.toHaveLength(0);
    expect(await identityAs('facility_staff', 'CSCN2', resident.id)).toBeNull();
    // A clinic has no care of a facility's resident.
    expect(await identityAs('health_worker', 'MMT001', resident.id)).toBeNull();

    // Transferred to CSCN2 today.
    await deliver(
      facility(
        {
          personId: resident.id,
          recordId: episode,
          careUnitCode: 'CSCN1',
          startedOn: addDays(today, -60),
          endedOn: addDays(today, -1),
        },
        { personId: resident.id, recordId: episode, careUnitCode: 'CSCN2', startedOn: today, endedOn: null },
      ),
    );
    expect(await identityAs('facility_staff', 'CSCN1', resident.id)).toBeNull();
    expect(await identityAs('facility_staff', 'CSCN2', resident.id)).toEqual(
      expect.objectContaining({ fullName: 'Đỗ Văn Học Viên' }),
    );
    const found = dataOf<{ persons: { nodes: { id: string }[] } }>(
      await h.run(SEARCH, { name: 'hoc vien' }, 'facility_staff', 'CSCN2'),
    );
    expect(found.persons.nodes.map((n) => n.id)).toEqual([resident.id]);

    // Completed yesterday.
    await deliver(
      facility({
        personId: resident.id,
        recordId: episode,
        careUnitCode: 'CSCN2',
        startedOn: today,
        endedOn: addDays(today, -1),
      }),
    );
    expect(await identityAs('facility_staff', 'CSCN2', resident.id)).toBeNull();
    const after = dataOf<{ persons: { totalCount: number } }>(
      await h.run(SEARCH, { name: 'hoc vien' }, 'facility_staff', 'CSCN2'),
    );
    expect(after.persons.totalCount).toBe(0);
  });

  it('follows a merge: the open care moves to the survivor, and a later notice naming the duplicate applies to it', async () => {
    const duplicate = await register(h, { fullName: 'Vũ Văn Trùng', dateOfBirth: '1991-03-03' });
    const survivor = await register(h, { fullName: 'Vũ Văn Trùng', dateOfBirth: '1991-03-03' });
    const stay = randomUUID();
    await deliver(
      facility({ personId: duplicate.id, recordId: stay, careUnitCode: 'CSCN3', startedOn: addDays(today, -3), endedOn: null }),
    );
    const merged = await h.run(
      `mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Trùng hồ sơ", survivorVersion: 1, duplicateVersion: 1) { id } }`,
      { s: survivor.id, d: duplicate.id },
      'police_officer',
      '01',
    );
    dataOf(merged);
    expect(await identityAs('facility_staff', 'CSCN3', survivor.id)).toEqual(
      expect.objectContaining({ fullName: 'Vũ Văn Trùng' }),
    );
    // The episode ends; the facility's notice still names the duplicate's id.
    await deliver(
      facility({
        personId: duplicate.id,
        recordId: stay,
        careUnitCode: 'CSCN3',
        startedOn: addDays(today, -3),
        endedOn: addDays(today, -1),
      }),
    );
    expect(await identityAs('facility_staff', 'CSCN3', survivor.id)).toBeNull();
  });

  it('refuses a care notice from a subgraph that does not send it, changing nothing', async () => {
    const p = await register(h, { fullName: 'Hoàng Văn Giả Mạo' });
    const forged = notice('care.facility', 'health', {
      periods: [{ personId: p.id, recordId: randomUUID(), careUnitCode: 'CSCN1', startedOn: today, endedOn: null }],
    });
    await expect(deliver(forged)).rejects.toThrow();
    expect(await identityAs('facility_staff', 'CSCN1', p.id)).toBeNull();
  });
});

describe('CreateCareRelation migration', () => {
  it('goes down (the table dropped) and up again', async () => {
    const owner = await h.database.owner();
    const exists = async (): Promise<boolean> =>
      (await owner.query<[{ t: string | null }]>(`SELECT to_regclass('care_relation')::text AS t`))[0].t !== null;
    await undoMigrationsAfter(owner, 'CreateCareRelation1796214000000');
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await exists()).toBe(false);
    await owner.runMigrations({ transaction: 'each' });
    expect(await exists()).toBe(true);
  });
});
