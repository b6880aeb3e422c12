import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { announceTestPersons } from '@rehab/server-kit';
import type { Role } from '@rehab/shared-schema';
import type { Harness, Result } from './harness';

/**
 * Units of the tests. 00004 is Phường Ba Đình today; on a date before 1 July 2025 the same
 * code is Phường Trúc Bạch of Quận Ba Đình (001), which Ba Đình took in whole, so today's
 * ward also acts on its records. 02647 is Phường Lào Cai, another province.
 */
export const COMMUNE = '00004';
export const DISTRICT = '001';
export const OTHER_COMMUNE = '02647';
export const REGIONAL_COURT_UNIT = 'TAKV-HN01';
/** The last day of the district labour review and of the commune chair's dossier; then the commune police's. */
export const BEFORE_POLICE = '2025-02-28';
export const REFORM = '2025-07-01';
export const FACILITY = 'CSCN1';
export const OTHER_FACILITY = 'CSCN2';
export const VOLUNTARY_ONLY_FACILITY = 'CSCN5';

export const DOSSIER_FIELDS = `id status version ground startedOn repeat subjectFullName subjectDateOfBirth priorDecisionRef
  submittedOn forwardedOn correctionReason
  decision { outcome decisionNumber decidedOn termMonths facility { code } reason }
  interimMeasure interimFacility { code } interimSince daysHeld escortedOn admittedOn episode { id }
  events { action fromStatus toStatus occurredOn actorRole note }`;

export const EPISODE_FIELDS = `id kind status version admittedOn plannedEndOn endedOn termMonths daysHeld phase phaseSince
  facility { code } residenceUnit { code } leave { reason note startedOn dueOn } absconding { reason since }
  certificateNumber terminationReason dossier { id status } serviceProvider { id } communitySetting postRehabCase { id status openedOn }
  events { action fromStatus toStatus occurredOn actorRole note }`;

export const POST_REHAB_FIELDS = `id status version openedOn decisionNumber decisionOn periodMonths endsOn supporterIds relapsedOn
  relapseNote completedOn certificateNumber residenceUnit { code } episode { id } events { action fromStatus toStatus occurredOn }`;

export type Row = Record<string, unknown>;

export interface Actor {
  role: Role;
  unit: string;
}

export const POLICE: Actor = { role: 'police_officer', unit: COMMUNE };
export const COMMUNE_OFFICIAL: Actor = { role: 'commune_official', unit: COMMUNE };
export const LABOUR: Actor = { role: 'labour_officer', unit: DISTRICT };
/** The district court (until 30 June 2025). */
export const COURT: Actor = { role: 'court_clerk', unit: DISTRICT };
/** A regional court of Hà Nội (from 1 July 2025). */
export const REGIONAL_COURT: Actor = { role: 'court_clerk', unit: REGIONAL_COURT_UNIT };

/** The court that decides on `decidedOn`. */
export const courtOn = (decidedOn: string): Actor => (decidedOn < REFORM ? COURT : REGIONAL_COURT);
export const STAFF: Actor = { role: 'facility_staff', unit: FACILITY };

/** Runs an operation as an actor and returns the result (errors included). */
export function runAs(h: Harness, actor: Actor, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  return h.run(query, variables, actor.role, actor.unit);
}

/** The data of a successful operation's single root field. */
export async function ok(h: Harness, actor: Actor, query: string, variables: Record<string, unknown> = {}): Promise<Row> {
  const result = await runAs(h, actor, query, variables);
  if (result.errors) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  const values = Object.values(result.data ?? {});
  return values[0] as Row;
}

/** The first error of a failing operation; it must carry a bilingual message. */
export async function fails(
  h: Harness,
  actor: Actor,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLFormattedError> {
  const result = await runAs(h, actor, query, variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  const i18n = error.extensions?.i18n as { vi?: string; en?: string } | undefined;
  expect(typeof i18n?.vi).toBe('string');
  expect(typeof i18n?.en).toBe('string');
  return error;
}

export const M = {
  draft: `mutation($input: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $input) { ${DOSSIER_FIELDS} } }`,
  edit: `mutation($id: ID!, $v: Int!, $changes: DossierDraftChanges!) { updateDossierDraft(id: $id, expectedVersion: $v, changes: $changes) { ${DOSSIER_FIELDS} } }`,
  submit: `mutation($id: ID!, $v: Int!, $on: Date, $court: ID) { submitCompulsoryRehabDossier(id: $id, expectedVersion: $v, submittedOn: $on, courtUnitCode: $court) { ${DOSSIER_FIELDS} } }`,
  returnIt: `mutation($id: ID!, $v: Int!, $reason: String!, $on: Date) { returnDossierForCorrection(id: $id, expectedVersion: $v, reason: $reason, returnedOn: $on) { ${DOSSIER_FIELDS} } }`,
  forward: `mutation($id: ID!, $v: Int!, $on: Date, $court: ID) { forwardDossierToCourt(id: $id, expectedVersion: $v, forwardedOn: $on, courtUnitCode: $court) { ${DOSSIER_FIELDS} } }`,
  decide: `mutation($id: ID!, $v: Int!, $input: CourtDecisionInput!) { recordCourtDecision(id: $id, expectedVersion: $v, input: $input) { ${DOSSIER_FIELDS} } }`,
  interim: `mutation($id: ID!, $v: Int!, $input: InterimMeasureInput!) { setInterimMeasure(id: $id, expectedVersion: $v, input: $input) { ${DOSSIER_FIELDS} } }`,
  escort: `mutation($id: ID!, $v: Int!, $on: Date!) { recordDossierEscort(id: $id, expectedVersion: $v, escortedOn: $on) { ${DOSSIER_FIELDS} } }`,
  admit: `mutation($id: ID!, $v: Int!, $f: ID!, $on: Date!) { admitCompulsory(dossierId: $id, expectedVersion: $v, facilityCode: $f, admittedOn: $on) { ${EPISODE_FIELDS} } }`,
  admitVoluntary: `mutation($input: AdmitVoluntaryInput!) { admitVoluntary(input: $input) { ${EPISODE_FIELDS} } }`,
  community: `mutation($input: RegisterCommunityRehabInput!) { registerCommunityRehab(input: $input) { ${EPISODE_FIELDS} } }`,
  phase: `mutation($id: ID!, $v: Int!, $phase: RehabPhase!, $on: Date!) { advanceRehabPhase(id: $id, expectedVersion: $v, phase: $phase, on: $on) { ${EPISODE_FIELDS} } }`,
  leave: `mutation($id: ID!, $v: Int!, $input: GrantLeaveInput!) { grantLeave(id: $id, expectedVersion: $v, input: $input) { ${EPISODE_FIELDS} } }`,
  back: `mutation($id: ID!, $v: Int!, $on: Date!) { returnFromLeave(id: $id, expectedVersion: $v, returnedOn: $on) { ${EPISODE_FIELDS} } }`,
  escape: `mutation($id: ID!, $v: Int!, $on: Date!) { recordEscape(id: $id, expectedVersion: $v, escapedOn: $on, note: "Trèo tường") { ${EPISODE_FIELDS} } }`,
  overdue: `mutation($id: ID!, $v: Int!, $asOf: Date) { markLeaveAbsconded(id: $id, expectedVersion: $v, asOf: $asOf) { ${EPISODE_FIELDS} } }`,
  returned: `mutation($id: ID!, $v: Int!, $on: Date!) { returnAfterEscape(id: $id, expectedVersion: $v, returnedOn: $on) { ${EPISODE_FIELDS} } }`,
  transfer: `mutation($id: ID!, $v: Int!, $to: ID!, $on: Date!) { transferRehabEpisode(id: $id, expectedVersion: $v, toFacilityCode: $to, transferredOn: $on) { ${EPISODE_FIELDS} } }`,
  complete: `mutation($id: ID!, $v: Int!, $on: Date!, $cert: String!) { completeRehabEpisode(id: $id, expectedVersion: $v, completedOn: $on, certificateNumber: $cert) { ${EPISODE_FIELDS} } }`,
  terminate: `mutation($id: ID!, $v: Int!, $on: Date!, $reason: String!) { terminateRehabEpisode(id: $id, expectedVersion: $v, terminatedOn: $on, reason: $reason) { ${EPISODE_FIELDS} } }`,
  decidePost: `mutation($id: ID!, $v: Int!, $input: PostRehabDecisionInput!) { decidePostRehab(id: $id, expectedVersion: $v, input: $input) { ${POST_REHAB_FIELDS} } }`,
  supporters: `mutation($id: ID!, $v: Int!, $ids: [ID!]!) { assignPostRehabSupporters(id: $id, expectedVersion: $v, supporterIds: $ids) { ${POST_REHAB_FIELDS} } }`,
  relapse: `mutation($id: ID!, $v: Int!, $on: Date!) { recordPostRehabRelapse(id: $id, expectedVersion: $v, relapsedOn: $on, note: "Test dương tính") { ${POST_REHAB_FIELDS} } }`,
  completePost: `mutation($id: ID!, $v: Int!, $on: Date!, $cert: String!) { completePostRehab(id: $id, expectedVersion: $v, completedOn: $on, certificateNumber: $cert) { ${POST_REHAB_FIELDS} } }`,
};

export interface DossierOptions {
  personId?: string;
  startedOn?: string;
  dateOfBirth?: string;
  commune?: string;
  priorDecisionRef?: string;
}

/**
 * A person of the police registry living in `commune` (a new one unless given), as police
 * announced them to this agency's person directory; an id already there keeps its residence.
 */
export async function resident(h: Harness, commune = COMMUNE, personId: string = randomUUID()): Promise<string> {
  await announceTestPersons(h.database.db, commune, personId);
  return personId;
}

/** Drafts a dossier for a new (or given) person of commune 00004 as the commune police. */
export async function draft(h: Harness, options: DossierOptions = {}): Promise<Row> {
  return ok(h, { ...POLICE, unit: options.commune ?? COMMUNE }, M.draft, {
    input: {
      personId: await resident(h, options.commune ?? COMMUNE, options.personId),
      residenceUnitCode: options.commune ?? COMMUNE,
      startedOn: options.startedOn ?? '2025-02-03',
      ground: 'NOT_REGISTERED',
      subjectFullName: 'Nguyễn Văn Thử',
      subjectDateOfBirth: options.dateOfBirth ?? '1990-05-05',
      ...(options.priorDecisionRef ? { priorDecisionRef: options.priorDecisionRef } : {}),
    },
  });
}

/**
 * Drafts a dossier and sends it to the court as the arrangement of its date has it: before
 * 1 March 2025 the commune chair submits and the district labour office forwards; from then
 * the commune police send it straight to the court (a regional court from 1 July 2025).
 */
export async function forwarded(h: Harness, options: DossierOptions = {}): Promise<Row> {
  const d = await draft(h, options);
  const started = d.startedOn as string;
  if (started <= BEFORE_POLICE) {
    const s = await ok(h, COMMUNE_OFFICIAL, M.submit, { id: d.id, v: d.version, on: started });
    return ok(h, LABOUR, M.forward, { id: s.id, v: s.version, on: started });
  }
  return ok(h, POLICE, M.submit, { id: d.id, v: d.version, on: started, court: started < REFORM ? null : REGIONAL_COURT_UNIT });
}

let decisions = 0;

/** A dossier approved by the court (term, facility CSCN1), decided on `decidedOn`. */
export async function approved(h: Harness, termMonths: number, decidedOn: string, options: DossierOptions = {}): Promise<Row> {
  const f = await forwarded(h, options);
  return ok(h, courtOn(decidedOn), M.decide, {
    id: f.id,
    v: f.version,
    input: { outcome: 'APPROVED', decisionNumber: `${++decisions}/QĐ-TA`, decidedOn, termMonths, facilityCode: FACILITY },
  });
}

/** A compulsory episode admitted at CSCN1 from a fresh approved dossier. */
export async function admitted(h: Harness, admittedOn = '2025-04-01', options: DossierOptions = {}): Promise<Row> {
  const d = await approved(h, 12, '2025-03-20', options);
  return ok(h, STAFF, M.admit, { id: d.id, v: d.version, f: FACILITY, on: admittedOn });
}

/** Row counts that a failed mutation must leave unchanged. */
export async function footprint(h: Harness): Promise<Record<string, number>> {
  const [row] = await h.database.db.query<[Record<string, number>]>(`SELECT
    (SELECT count(*) FROM case_event)::int AS events, (SELECT count(*) FROM audit_log WHERE action = 'CHANGE')::int AS changes,
    (SELECT count(*) FROM outbox_notice)::int AS notices, (SELECT count(*) FROM rehab_episode)::int AS episodes,
    (SELECT count(*) FROM compulsory_rehab_dossier)::int AS dossiers, (SELECT count(*) FROM post_rehab_case)::int AS cases,
    (SELECT coalesce(sum(version), 0) FROM rehab_episode)::int AS episode_versions,
    (SELECT coalesce(sum(version), 0) FROM compulsory_rehab_dossier)::int AS dossier_versions,
    (SELECT coalesce(sum(version), 0) FROM post_rehab_case)::int AS case_versions`);
  return row;
}

/** Notices in this subgraph's outbox for a topic and person. */
export async function noticesFor(h: Harness, topic: string, personId: string): Promise<Row[]> {
  return h.database.db.query<Row[]>(
    `SELECT topic, destination, payload FROM outbox_notice WHERE topic = $1 AND payload->>'personId' = $2
    ORDER BY created_at`,
    [topic, personId],
  );
}
