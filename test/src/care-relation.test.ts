/**
 * The care relation through the gateway: a clinic's health workers and a facility's staff read
 * the identity of the people in their care — a patient enrolled at the clinic, a resident of
 * the facility — from the police registry, and lose it when the care moves elsewhere or ends.
 * The relation is fed by health's and labour-welfare's own mutations, through their outboxes.
 */
import type { InProcessSystem } from '@rehab/ops';
import { seedIdentity } from '@rehab/gateway';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';
import { call, eventually, refused, type Caller } from './legal-path-support';

let system: InProcessSystem;
let clinicA: Caller;
let clinicB: Caller;
let facilityA: Caller;
let facilityB: Caller;
const today = todayInHanoi();

beforeAll(async () => {
  system = await startTestSystem();
  await seedIdentity(system.dbs.identity, [
    {
      username: 'yte.test.mmt002',
      displayName: 'Y tế MMT002 (kiểm thử)',
      agency: 'health',
      role: 'health_worker',
      unitCode: 'MMT002',
    },
    { username: 'cscn2.test', displayName: 'CSCN2 (kiểm thử)', agency: 'police', role: 'facility_staff', unitCode: 'CSCN2' },
  ]);
  const login = async (username: string): Promise<Caller> => ({ system, token: await system.login(username) });
  [clinicA, clinicB, facilityA, facilityB] = (await Promise.all(
    ['yte.mmt001', 'yte.test.mmt002', 'cscn1', 'cscn2.test'].map(login),
  )) as [Caller, Caller, Caller, Caller];
});

afterAll(async () => {
  await system.stop();
});

const IDENTITY = 'query($id: ID!) { person(id: $id) { id fullName dateOfBirth identificationNumber } }';
const SEARCH = 'query($name: String!) { persons(name: $name, first: 50) { nodes { id fullName } } }';

interface Identity {
  id: string;
  fullName: string;
  dateOfBirth: string;
  identificationNumber: string;
}

/**
 * The identity the caller reads, or null when the record is not theirs to read: the lookup then
 * ends in the one out-of-scope refusal (with the unit to break the glass into), nothing else.
 */
const identity = async (as: Caller, id: string): Promise<Identity | null> => {
  const response = await as.system.graphql<{ person: Identity | null }>(as.token, IDENTITY, { id });
  if (!response.errors) return response.data?.person ?? null;
  const [error, ...more] = response.errors;
  if (more.length > 0 || error?.extensions?.code !== 'FORBIDDEN' || typeof error.extensions.breakGlassUnit !== 'string') {
    throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  }
  expect(response.data?.person ?? null).toBeNull();
  return null;
};

const found = async (as: Caller, name: string): Promise<string[]> =>
  (await call<{ persons: { nodes: { id: string }[] } }>(as, SEARCH, { name })).persons.nodes.map((n) => n.id);

const readAudits = async (personId: string, unitCode: string): Promise<number> => {
  const [row] = await system.dbs
    .subgraph('police')
    .db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE person_id = $1 AND unit_code = $2 AND action = 'READ' AND entity_type = 'Person'`,
      [personId, unitCode],
    );
  return row.n;
};

describe('a clinic and its patients', () => {
  it('reads the name of its own patient, not of another clinic, and follows a transfer and the end of treatment', async () => {
    const patient = population.find((p) => p.substitution?.clinicCode === 'MMT001' && p.rehab === null);
    const elsewhere = population.find((p) => p.substitution !== null && p.substitution.clinicCode !== 'MMT001');
    if (!patient || !elsewhere) throw new Error('no methadone patients at MMT001 and elsewhere in the demo population');

    // Clinic A reads and finds its patient, each read audited; a patient of another clinic is not found.
    expect(await identity(clinicA, patient.id)).toEqual({
      id: patient.id,
      fullName: patient.fullName,
      dateOfBirth: patient.dateOfBirth,
      identificationNumber: patient.identificationNumber,
    });
    expect(await readAudits(patient.id, 'MMT001')).toBeGreaterThan(0);
    expect(await found(clinicA, patient.fullName)).toContain(patient.id);
    expect(await identity(clinicA, elsewhere.id)).toBeNull();
    expect(await found(clinicA, elsewhere.fullName)).not.toContain(elsewhere.id);
    expect(await identity(clinicB, patient.id)).toBeNull();
    // Identity only: the residence is refused, the name stays.
    const errors = await refused(clinicA, 'query($id: ID!) { person(id: $id) { fullName currentResidence { addressLine } } }', {
      id: patient.id,
    });
    expect(errors.map((e) => e.extensions?.code)).toContain('FORBIDDEN');

    // Transferred to clinic B: A loses the patient, B gains them.
    const { person } = await call<{ person: { substitutionTreatment: { id: string; version: number } } }>(
      clinicA,
      'query($id: ID!) { person(id: $id) { substitutionTreatment { id version } } }',
      { id: patient.id },
    );
    const treatment = person.substitutionTreatment;
    await call(
      clinicA,
      'mutation($t: ID!, $v: Int) { transferTreatment(treatmentId: $t, toClinicCode: "MMT002", expectedVersion: $v) { id } }',
      {
        t: treatment.id,
        v: treatment.version,
      },
    );
    await eventually(
      'clinic B reads its new patient',
      () => identity(clinicB, patient.id),
      (p) => p?.fullName === patient.fullName,
    );
    expect(await identity(clinicA, patient.id)).toBeNull();
    expect(await found(clinicA, patient.fullName)).not.toContain(patient.id);
    expect(await found(clinicB, patient.fullName)).toContain(patient.id);
    expect(await readAudits(patient.id, 'MMT002')).toBeGreaterThan(0);

    // Treatment terminated (as of yesterday): clinic B's care ended, and with it the access.
    await call(
      clinicB,
      `mutation($t: ID!, $on: Date!) { terminateTreatment(treatmentId: $t, on: $on, reason: VOLUNTARY, note: "Người bệnh xin ngừng") { id } }`,
      { t: treatment.id, on: addDays(today, -1) },
    );
    await eventually(
      'clinic B loses the patient',
      () => identity(clinicB, patient.id),
      (p) => p === null,
    );
    expect(await found(clinicB, patient.fullName)).not.toContain(patient.id);
  });
});

describe('a facility and its residents', () => {
  it('reads its resident, not another facility, and follows a transfer and the completion', async () => {
    const resident = population.find(
      (p) => p.rehab?.facilityCode === 'CSCN1' && p.rehab.status === 'ADMITTED' && p.rehab.admittedOn < addDays(today, -20),
    );
    if (!resident) throw new Error('no resident of CSCN1 in the demo population');
    expect(await identity(facilityA, resident.id)).toEqual(expect.objectContaining({ fullName: resident.fullName }));
    expect(await readAudits(resident.id, 'CSCN1')).toBeGreaterThan(0);
    expect(await identity(facilityB, resident.id)).toBeNull();
    expect(await identity(clinicA, resident.id)).toBeNull();

    const { person } = await call<{ person: { rehabEpisodes: { id: string; version: number; status: string }[] } }>(
      facilityA,
      'query($id: ID!) { person(id: $id) { rehabEpisodes { id version status } } }',
      { id: resident.id },
    );
    const episode = person.rehabEpisodes.find((e) => e.status === 'ADMITTED');
    if (!episode) throw new Error('the resident has no open episode');
    const moved = await call<{ transferRehabEpisode: { version: number } }>(
      facilityA,
      'mutation($id: ID!, $v: Int!, $on: Date!) { transferRehabEpisode(id: $id, expectedVersion: $v, toFacilityCode: "CSCN2", transferredOn: $on) { version } }',
      { id: episode.id, v: episode.version, on: addDays(today, -10) },
    );
    await eventually(
      'CSCN2 reads its new resident',
      () => identity(facilityB, resident.id),
      (p) => p?.fullName === resident.fullName,
    );
    expect(await identity(facilityA, resident.id)).toBeNull();
    expect(await found(facilityB, resident.fullName)).toContain(resident.id);

    await call(
      facilityB,
      'mutation($id: ID!, $v: Int!, $on: Date!) { completeRehabEpisode(id: $id, expectedVersion: $v, completedOn: $on, certificateNumber: "77/GCN-CSCN2") { id } }',
      { id: episode.id, v: moved.transferRehabEpisode.version, on: addDays(today, -1) },
    );
    await eventually(
      'CSCN2 loses its former resident',
      () => identity(facilityB, resident.id),
      (p) => p === null,
    );
    expect(await found(facilityB, resident.fullName)).not.toContain(resident.id);
  });
});
