import type { Role } from './roles';
import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Who may see that a person is helped by a volunteer: the fact alone reveals that the
 * person is under management, so it is sensitive. Officers who manage or escort the
 * person, the volunteers themselves and supervisors; not health workers, facility
 * staff, court clerks or analysts.
 */
const SUPPORT_ROLES: readonly Role[] = ['commune_official', 'police_officer', 'labour_officer', 'volunteer', 'supervisor'];

const support = { read: SUPPORT_ROLES, sensitive: true };
const supportPlain = { read: SUPPORT_ROLES };
const everyone = { read: ALL_ROLES };

/** The commune acts on assignments (assign, end, reassign when a volunteer leaves). */
const COMMUNE: readonly Role[] = ['commune_official'];
/** Who manages volunteers and their assignments in a unit: the commune committee and supervisors. */
const MANAGERS: readonly Role[] = ['commune_official', 'supervisor'];
/** Who may list the volunteers of a unit (to pick one, or to know who helps): not the volunteers themselves. */
const VOLUNTEER_LIST: readonly Role[] = ['commune_official', 'police_officer', 'labour_officer', 'supervisor'];
/**
 * A volunteer's own view of the people assigned to them: name, age, address, phone and
 * period only. Nobody else reads it through this type: officers have the
 * registry. Record level: only the calling volunteer's own assignments (resolver).
 */
const OWN: readonly Role[] = ['volunteer'];
/** Who holds communication activities: the Front and mass organisations, the commune, police, health, labour. */
const COMMUNICATORS: readonly Role[] = ['front_officer', 'commune_official', 'police_officer', 'health_worker', 'labour_officer'];
/**
 * Prevention for high-risk groups: the commune's mass organisations (the Front), the commune and
 * its police list people at risk and serve them. Sensitive personal data like the registry's:
 * those officers and supervisors only, each read audited; analysts see counts only.
 */
const PREVENTION: readonly Role[] = ['front_officer', 'commune_official', 'police_officer'];
const prevention = { read: [...PREVENTION, 'supervisor'] as Role[], sensitive: true };
const preventionPlain = { read: [...PREVENTION, 'supervisor'] as Role[] };
const ownPlain = { read: OWN };
const managersPlain = { read: MANAGERS };
/*
 * The person data in AssignedPerson and PendingReassignment is not marked sensitive here
 * because `sensitive` drives the audit of fields reached from Person; these types are
 * reached only from the root worklists, which audit a read per person themselves
 * (resolvers/worklist.ts, resolvers/Query.ts).
 */
const own = ownPlain;
const managers = managersPlain;

export const VOLUNTEERS_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'volunteers', {
    massOrganisations: everyone,
    myVolunteerWorklist: ownPlain,
    myAssignedPeople: ownPlain,
    volunteers: { read: VOLUNTEER_LIST },
    assignmentsNeedingVolunteer: managersPlain,
    organisationChapters: { read: VOLUNTEER_LIST },
    // Communication against drugs is programme work, not personal data: a plan's report publishes it.
    communicationActivities: everyone,
    peopleAtRisk: preventionPlain,
  }),
  ...fieldsOf('Mutation', 'volunteers', {
    assignVolunteer: { read: COMMUNE },
    endAssignment: { read: COMMUNE },
    deactivateVolunteer: { read: COMMUNE },
    reassignVolunteer: { read: COMMUNE },
    logSupportActivity: { read: OWN },
    openOrganisationChapter: { read: COMMUNE },
    registerVolunteer: { read: COMMUNE },
    recordVolunteerTraining: { read: COMMUNE },
    // The officers of the agencies that hold it, each for its own agency (the mutation records the caller's).
    recordCommunicationActivity: { read: COMMUNICATORS },
    updateCommunicationActivity: { read: COMMUNICATORS },
    listPersonAtRisk: { read: PREVENTION },
    updatePersonAtRisk: { read: PREVENTION },
    linkPersonAtRisk: { read: PREVENTION },
    removePersonAtRisk: { read: PREVENTION },
    recordPreventionService: { read: PREVENTION },
    recordPreventionServiceForPerson: { read: PREVENTION },
  }),
  ...fieldsOf('PersonAtRisk', 'volunteers', {
    id: preventionPlain,
    fullName: prevention,
    birthYear: prevention,
    commune: preventionPlain,
    riskGroup: prevention,
    listedOn: preventionPlain,
    agency: preventionPlain,
    note: prevention,
    person: prevention,
    linkedOn: preventionPlain,
    removedOn: preventionPlain,
    removalReason: prevention,
    services: prevention,
    version: preventionPlain,
  }),
  ...fieldsOf('PreventionService', 'volunteers', {
    id: preventionPlain,
    kind: prevention,
    providedOn: preventionPlain,
    agency: preventionPlain,
    note: prevention,
  }),
  ...fieldsOf('CommunicationActivity', 'volunteers', {
    id: everyone,
    unit: everyone,
    kind: everyone,
    heldOn: everyone,
    title: everyone,
    agency: everyone,
    audience: everyone,
    copies: everyone,
    version: everyone,
  }),
  // Not volunteers: a volunteer sees only their own people, through myAssignedPeople.
  ...fieldsOf('Person', 'volunteers', {
    supportAssignments: { read: SUPPORT_ROLES.filter((r) => r !== 'volunteer'), sensitive: true },
    preventionServices: prevention,
    preventionListEntry: prevention,
  }),
  ...fieldsOf('VolunteerAssignment', 'volunteers', {
    id: support,
    reason: support,
    startedOn: support,
    endedOn: support,
    volunteer: support,
    endReason: supportPlain,
    version: supportPlain,
  }),
  ...fieldsOf('Volunteer', 'volunteers', {
    id: support,
    fullName: support,
    phone: support,
    organisation: support,
    unit: support,
    active: supportPlain,
    trainings: supportPlain,
    version: supportPlain,
    chapter: supportPlain,
  }),
  // A chapter and its leader's contact: who works with volunteers (not analysts, health, facilities or courts).
  ...fieldsOf('OrganisationChapter', 'volunteers', {
    id: supportPlain,
    name: supportPlain,
    organisation: supportPlain,
    unit: supportPlain,
    leaderName: supportPlain,
    leaderPhone: supportPlain,
    establishedOn: supportPlain,
    activeVolunteerCount: supportPlain,
    version: supportPlain,
  }),
  ...fieldsOf('VolunteerTraining', 'volunteers', { course: supportPlain, startedOn: supportPlain, completedOn: supportPlain }),
  ...fieldsOf('AssignedPerson', 'volunteers', {
    assignmentId: ownPlain,
    personId: ownPlain,
    fullName: own,
    age: own,
    address: own,
    phone: own,
    reason: own,
    startedOn: own,
    periodEndsOn: own,
    lastActivityOn: own,
    visitDue: ownPlain,
    periodEnding: ownPlain,
    activities: own,
  }),
  ...fieldsOf('SupportActivity', 'volunteers', {
    id: ownPlain,
    assignmentId: ownPlain,
    occurredOn: ownPlain,
    kind: ownPlain,
    note: ownPlain,
    relapseRisk: ownPlain,
  }),
  ...fieldsOf('VolunteerWorklist', 'volunteers', {
    volunteer: ownPlain,
    people: ownPlain,
    visitsDue: ownPlain,
    periodsEnding: ownPlain,
  }),
  ...fieldsOf('PendingReassignment', 'volunteers', {
    assignmentId: managersPlain,
    personId: managersPlain,
    fullName: managers,
    reason: managers,
    endedOn: managersPlain,
    previousVolunteer: managersPlain,
    version: managersPlain,
  }),
  ...fieldsOf('VolunteerDeactivation', 'volunteers', { volunteer: managersPlain, needingVolunteer: managersPlain }),
  // The organisations themselves are public reference data.
  ...fieldsOf('MassOrganisation', 'volunteers', {
    code: everyone,
    name: everyone,
    kind: everyone,
    unit: everyone,
    maxActiveAssignments: everyone,
  }),
};
