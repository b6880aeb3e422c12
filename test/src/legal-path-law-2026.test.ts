/**
 * Law 120/2025 comes into force on 1 July 2026: a dossier started the day before keeps
 * the 2021 law's terms, one started that day gets the new ones. Adults first time and
 * repeat, and a minor, on each side; each through the gateway by today's acting roles (the ward
 * police send the dossier to a regional court, whose clerk records the decision).
 * A repeat case is known from the person's earlier compulsory episode (seeded).
 */
import type { InProcessSystem } from '@rehab/ops';
import { seedIdentity } from '@rehab/gateway';
import { demoUnits } from '@rehab/server-kit';
import type { DemoPerson } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';
import { DOSSIER, call, refused, registerPerson, type Caller, type Row } from './legal-path-support';

let system: InProcessSystem;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  system = await startTestSystem();
  const communes = [...new Set(repeaters.slice(0, 2).map((p) => p.home.unitCode))].filter((c) => c !== '00004');
  await seedIdentity(
    system.dbs.identity,
    communes.map((unitCode) => ({
      username: policeOf(unitCode),
      displayName: 'Công an xã (kiểm thử)',
      agency: 'police',
      role: 'police_officer',
      unitCode,
    })),
  );
  const accounts = ['congan.phuongbadinh', 'toaan.kv1', ...communes.map(policeOf)];
  const tokens = await Promise.all(accounts.map((u) => system.login(u)));
  accounts.forEach((u, i) => {
    as[u] = { system, token: tokens[i] as string };
  });
});

afterAll(async () => {
  await system.stop();
});

/**
 * People of Hà Nội who completed compulsory rehab and have no dossier in progress: their next dossier is a repeat
 * case, drafted by the police of the commune they live in today (which acts on their registry record).
 */
const repeaters: DemoPerson[] = population.filter(
  (p) =>
    p.rehab?.kind === 'COMPULSORY' &&
    p.rehab.status === 'COMPLETED' &&
    p.postRehab !== null &&
    p.postRehab.relapsedOn === null &&
    p.home.unitPath.startsWith('01.') &&
    demoUnits.owns(p.home.unitPath, p.currentResidence.unitPath),
);
const policeOf = (commune: string) => (commune === '00004' ? 'congan.phuongbadinh' : `congan.test${commune}`);

interface Subject {
  kind: 'adult first' | 'adult repeat' | 'minor';
  personId: string;
  dateOfBirth: string;
  commune: string;
}

/** A dossier started on `startedOn` and sent by the ward police to regional court no. 1 (the arrangement of 2026), for the subject. */
async function atCourt(subject: Subject, startedOn: string): Promise<Row> {
  const police = as[policeOf(subject.commune)] as Caller;
  const drafted = await call<{ draftCompulsoryRehabDossier: Row }>(
    police,
    `mutation($i: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $i) { id version } }`,
    {
      i: {
        personId: subject.personId,
        residenceUnitCode: subject.commune,
        startedOn,
        ground: 'NOT_REGISTERED',
        subjectFullName: `Đối tượng ${subject.kind}`,
        subjectDateOfBirth: subject.dateOfBirth,
      },
    },
  );
  const id = drafted.draftCompulsoryRehabDossier.id;
  const sent = await call<{ submitCompulsoryRehabDossier: Row }>(
    police,
    `mutation($id: ID!, $on: Date!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: 1, submittedOn: $on, courtUnitCode: "TAKV-HN01") { ${DOSSIER} } }`,
    { id, on: startedOn },
  );
  return sent.submitCompulsoryRehabDossier;
}

const DECIDE = `mutation($id: ID!, $v: Int!, $term: Int!) { recordCourtDecision(id: $id, expectedVersion: $v, input: { outcome: APPROVED,
  decisionNumber: "88/2026/QĐ-TA", decidedOn: "2026-07-20", termMonths: $term, facilityCode: "CSCN3" }) { ${DOSSIER} } }`;

describe('terms on each side of 1 July 2026', () => {
  let n = 0;
  const subject = async (kind: Subject['kind']): Promise<Subject> => {
    if (kind === 'adult repeat') {
      const p = repeaters[n++];
      if (!p) throw new Error('the demo population has too few people after compulsory rehab');
      return { kind, personId: p.id, dateOfBirth: p.dateOfBirth, commune: p.home.unitCode };
    }
    const dateOfBirth = kind === 'minor' ? '2011-02-01' : '1988-09-09';
    const registered = await registerPerson(as['congan.phuongbadinh'] as Caller, `Đối tượng ${kind}`, dateOfBirth);
    return { kind, personId: registered.id, dateOfBirth, commune: '00004' };
  };

  it.each([
    // started, subject, allowed range, category, refused term, accepted term
    ['2026-06-30', 'adult first', [12, 24], 'ADULT_FIRST', 36, 12],
    ['2026-06-30', 'adult repeat', [12, 24], 'ADULT_REPEAT', 36, 24],
    ['2026-06-30', 'minor', [6, 12], 'MINOR', 13, 6],
    ['2026-07-01', 'adult first', [24, 24], 'ADULT_FIRST', 12, 24],
    ['2026-07-01', 'adult repeat', [36, 36], 'ADULT_REPEAT', 24, 36],
    ['2026-07-01', 'minor', [6, 12], 'MINOR', 24, 12],
  ] as const)('started %s, %s: %j months', async (startedOn, kind, [min, max], category, refusedTerm, acceptedTerm) => {
    const dossier = await atCourt(await subject(kind), startedOn);
    expect(dossier).toMatchObject({ status: 'FORWARDED_TO_COURT', startedOn, repeat: kind === 'adult repeat' });
    expect(dossier.allowedTerm).toMatchObject({
      minMonths: min,
      maxMonths: max,
      category,
      legalBasis: expect.stringContaining(startedOn < '2026-07-01' || kind === 'minor' ? '73/2021' : '120/2025'),
    });
    const court = as['toaan.kv1'] as Caller;
    const errors = await refused(court, DECIDE, { id: dossier.id, v: dossier.version, term: refusedTerm });
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termMonths' });
    if (kind === 'minor') {
      // Decided on 20 July 2026: Law 120/2025 sends a minor only to a facility that admits minors, and no demo facility does.
      const placement = await refused(court, DECIDE, { id: dossier.id, v: dossier.version, term: acceptedTerm });
      expect(placement[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.facilityCode' });
      return;
    }
    const approved = await call<{ recordCourtDecision: Row }>(court, DECIDE, {
      id: dossier.id,
      v: dossier.version,
      term: acceptedTerm,
    });
    expect(approved.recordCourtDecision).toMatchObject({
      status: 'APPROVED',
      decision: { termMonths: acceptedTerm, facility: { code: 'CSCN3' } },
    });
  });
});
