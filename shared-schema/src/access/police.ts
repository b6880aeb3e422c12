import type { Role } from './roles';
import { ALL_ROLES, CASE_ROLES, LEGAL_PATH_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Case roles except volunteers. Volunteers see the name, age, address and phone of the
 * people assigned to them only, from the volunteers subgraph's own snapshot
 * (myAssignedPeople): never through the registry, so they cannot browse it.
 */
const OFFICERS: readonly Role[] = CASE_ROLES.filter((r) => r !== 'volunteer');

/** Who keeps the population registry: commune police and the commune committee. */
const REGISTRARS: readonly Role[] = ['police_officer', 'commune_official'];

/** Commune-level police work (movements, worklists, duplicates): police, commune, supervisors. */
const COMMUNE_WORK: readonly Role[] = ['police_officer', 'commune_official', 'supervisor'];

/** Who needs to know a person completed rehab: commune police and committee, labour, the facility. */
const COMPLETION_READERS: readonly Role[] = [
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'supervisor',
];

/** Who acts on a volunteer's report of a high relapse risk: commune police and committee, supervisors. */
const RELAPSE_READERS: readonly Role[] = COMMUNE_WORK;
const relapsePlain = { read: RELAPSE_READERS };
/** Reached only from the relapseRiskReports worklist, which audits a read per person itself. */
const relapse = relapsePlain;

const legalPath = { read: LEGAL_PATH_ROLES, sensitive: true };
const legalPathPlain = { read: LEGAL_PATH_ROLES };
const communeWork = { read: COMMUNE_WORK, sensitive: true };
const communeWorkPlain = { read: COMMUNE_WORK };
const completion = { read: COMPLETION_READERS, sensitive: true };
const completionPlain = { read: COMPLETION_READERS };
const connection = (read: readonly Role[]) => ({ nodes: { read }, pageInfo: { read }, totalCount: { read } });

/**
 * Law 120/2025 duties (declarations, summonses, electronic monitoring): police records,
 * read by police of the person's unit only (law-enforcement data).
 */
const LAW_120_READERS: readonly Role[] = ['police_officer'];
const law120 = { read: LAW_120_READERS, sensitive: true };
const law120Plain = { read: LAW_120_READERS };
const allFields = (fields: readonly string[], rule: { read: readonly Role[]; sensitive?: boolean }) =>
  Object.fromEntries(fields.map((f) => [f, rule]));

/**
 * Hotspots are the police's operational picture, shared with the commune and the Front who plan
 * prevention there (not personal data; within the officer's scope). Drug-free recognitions are
 * published decisions: anyone reads them; provincial police record them (checked in the resolver).
 */
const HOTSPOT_READERS: readonly Role[] = ['police_officer', 'commune_official', 'front_officer', 'supervisor'];
const hotspots = { read: HOTSPOT_READERS };
const everyone = { read: ALL_ROLES };

export const POLICE_RULES: Record<string, FieldRule> = {
  ...fieldsOf(
    'DrugHotspot',
    'police',
    allFields(['id', 'commune', 'description', 'identifiedOn', 'clearedOn', 'clearanceNote', 'version'], hotspots),
  ),
  ...fieldsOf(
    'DrugFreeRecognition',
    'police',
    allFields(['id', 'commune', 'recognisedOn', 'decisionNumber', 'withdrawnOn', 'withdrawalReason', 'version'], everyone),
  ),
  ...fieldsOf('Query', 'police', {
    drugHotspots: hotspots,
    drugFreeRecognitions: everyone,
    person: { read: CASE_ROLES },
    personByIdentificationNumber: { read: OFFICERS },
    // The registry list: not volunteers (they see only their assigned people, myAssignedPeople)
    // nor the Front's reviewers (the dossiers put to them carry the name they need).
    persons: { read: ALL_ROLES.filter((r) => r !== 'volunteer' && r !== 'front_officer') },
    potentialDuplicates: communeWorkPlain,
    transferNoticesAwaitingAcknowledgement: communeWorkPlain,
    absconderSearches: communeWorkPlain,
    rehabCompletionNotices: communeWorkPlain,
    relapseRiskReports: { read: RELAPSE_READERS },
    drugUserManagementsEnding: communeWorkPlain,
    // Province level only (checked in the resolver): provincial police and supervisors.
    unitReassignmentWorklist: { read: ['police_officer', 'supervisor'] },
    summonsesAwaitingOutcome: law120Plain,
    monitoringAlertsAwaitingAcknowledgement: law120Plain,
  }),
  // The split commune's person and address: the worklist audits a read per person listed itself.
  ...fieldsOf(
    'UnitReassignmentCase',
    'police',
    Object.fromEntries(
      ['person', 'formerUnit', 'candidates', 'suggested', 'suggestionReason', 'addressLine'].map((f) => [
        f,
        { read: ['police_officer', 'supervisor'] as readonly Role[] },
      ]),
    ),
  ),
  ...fieldsOf('UnitReassignmentCaseConnection', 'police', connection(['police_officer', 'supervisor'])),
  ...fieldsOf('Mutation', 'police', {
    recordDrugHotspot: { read: ['police_officer'] },
    clearDrugHotspot: { read: ['police_officer'] },
    recognizeDrugFreeCommune: { read: ['police_officer', 'supervisor'] },
    withdrawDrugFreeRecognition: { read: ['police_officer', 'supervisor'] },
    registerPerson: { read: REGISTRARS },
    updatePerson: { read: REGISTRARS },
    // Provincial police (checked in the resolver; district police ended on 1 March 2025), and supervisors.
    mergePersons: { read: ['police_officer', 'supervisor'] },
    recordDrugUseDetection: { read: ['police_officer'] },
    decideDrugUserManagement: { read: ['commune_official'] },
    recordCheckIn: { read: ['police_officer'] },
    endDrugUserManagement: { read: ['commune_official'] },
    recordResidenceChange: { read: ['police_officer'] },
    acknowledgeTransferNotice: { read: ['police_officer'] },
    recordAbsconderFound: { read: ['police_officer'] },
    acknowledgeRehabCompletionNotice: { read: REGISTRARS },
    // Provincial police (checked in the resolver).
    assignPersonToUnit: { read: ['police_officer'] },
    // Law 120/2025: commune police (unit level checked in the resolvers); monitoring orders by the
    // head of commune police (responsibilities table); device events by police of the order's
    // commune or province (the monitoring centre).
    recordSubstanceDeclaration: law120Plain,
    summonDrugUser: law120Plain,
    recordSummonsOutcome: law120Plain,
    recordMovePresentation: law120Plain,
    orderElectronicMonitoring: law120Plain,
    endElectronicMonitoring: law120Plain,
    reportMonitoringDeviceEvent: law120Plain,
    acknowledgeMonitoringAlert: law120Plain,
  }),
  // Health workers and facility staff read a person of their clinic's or facility's care relation
  // (subgraphs/police/src/care): the identity fields only, the others refused for that person in the resolver.
  ...fieldsOf('Person', 'police', {
    id: { read: ALL_ROLES },
    identificationNumber: { read: OFFICERS, sensitive: true },
    fullName: { read: OFFICERS, sensitive: true },
    otherNames: { read: OFFICERS, sensitive: true },
    dateOfBirth: { read: OFFICERS, sensitive: true },
    sex: { read: OFFICERS },
    ethnicity: { read: OFFICERS, sensitive: true },
    permanentResidence: { read: OFFICERS, sensitive: true },
    currentResidence: { read: OFFICERS, sensitive: true },
    recordStatus: { read: OFFICERS },
    mergedInto: { read: OFFICERS },
    mergedRecords: { read: OFFICERS },
    version: { read: OFFICERS },
    drugUserManagements: legalPath,
    transferNotices: communeWork,
    absconderSearches: legalPath,
    rehabCompletionNotices: completion,
    electronicMonitoringOrders: law120,
  }),
  ...fieldsOf('Residence', 'police', { unit: { read: OFFICERS }, addressLine: { read: OFFICERS } }),
  ...fieldsOf('PersonConnection', 'police', { ...connection(ALL_ROLES), totalCountExact: { read: ALL_ROLES } }),
  ...fieldsOf('DrugUserManagement', 'police', {
    id: legalPathPlain,
    person: legalPathPlain,
    status: legalPath,
    detectedOn: legalPath,
    detectionMethod: legalPath,
    substances: legalPath,
    testResult: legalPath,
    decisionNumber: legalPath,
    decisionDate: legalPath,
    periodEndsOn: legalPath,
    endedOn: legalPath,
    endReason: legalPath,
    supersededOn: legalPath,
    checkIns: legalPath,
    version: legalPathPlain,
    substanceDeclarations: law120,
    summonses: law120,
  }),
  ...fieldsOf('DrugUserCheckIn', 'police', {
    id: legalPathPlain,
    checkedInOn: legalPath,
    note: legalPath,
    recordedBy: legalPathPlain,
  }),
  ...fieldsOf('TransferNotice', 'police', {
    id: communeWorkPlain,
    person: communeWorkPlain,
    fromUnit: communeWork,
    toUnit: communeWork,
    addressLine: communeWork,
    movedOn: communeWork,
    sentAt: communeWork,
    dueAt: communeWork,
    acknowledgedAt: communeWork,
    acknowledgedBy: communeWorkPlain,
    overdue: communeWorkPlain,
    version: communeWorkPlain,
    presentationDueAt: communeWork,
    handOverDueAt: communeWork,
    recordedLate: communeWorkPlain,
    presentedAt: communeWork,
    presentationRecordedBy: communeWorkPlain,
    presentationStatus: communeWorkPlain,
  }),
  ...fieldsOf('SubstanceDeclaration', 'police', {
    ...allFields(['declaredOn', 'substances', 'source', 'recordedAt'], law120),
    ...allFields(['id', 'recordedBy'], law120Plain),
  }),
  ...fieldsOf('Summons', 'police', {
    ...allFields(['summonedOn', 'appearOn', 'reason', 'outcome', 'outcomeNote', 'outcomeRecordedAt'], law120),
    ...allFields(['id', 'person', 'managementId', 'issuedBy', 'outcomeRecordedBy', 'version'], law120Plain),
  }),
  ...fieldsOf('ElectronicMonitoringOrder', 'police', {
    ...allFields(
      ['basis', 'basisReference', 'deviceId', 'orderedOn', 'startsOn', 'endsOn', 'status', 'endedOn', 'endReason', 'alerts'],
      law120,
    ),
    ...allFields(['id', 'person', 'orderedBy', 'version'], law120Plain),
  }),
  ...fieldsOf('MonitoringAlert', 'police', {
    ...allFields(['kind', 'occurredAt', 'receivedAt', 'acknowledgedAt'], law120),
    ...allFields(['id', 'person', 'orderId', 'eventId', 'reportedBy', 'acknowledgedBy', 'version'], law120Plain),
  }),
  ...fieldsOf('DeviceEventReceipt', 'police', { alert: law120Plain, duplicate: law120Plain }),
  ...fieldsOf('SummonsConnection', 'police', connection(LAW_120_READERS)),
  ...fieldsOf('MonitoringAlertConnection', 'police', connection(LAW_120_READERS)),
  ...fieldsOf('AbsconderSearch', 'police', {
    id: legalPathPlain,
    person: legalPathPlain,
    episodeId: legalPathPlain,
    facility: legalPath,
    reason: legalPath,
    since: legalPath,
    status: legalPath,
    openedAt: legalPath,
    foundOn: legalPath,
    foundNote: legalPath,
    returnedOn: legalPath,
    version: legalPathPlain,
  }),
  ...fieldsOf('RelapseRiskReport', 'police', {
    id: relapsePlain,
    person: relapsePlain,
    assignmentId: relapsePlain,
    observedOn: relapse,
    note: relapse,
    receivedAt: relapsePlain,
  }),
  ...fieldsOf('RehabCompletionNotice', 'police', {
    id: completionPlain,
    person: completionPlain,
    episodeId: completionPlain,
    facility: completion,
    completedOn: completion,
    certificateNumber: completion,
    receivedAt: completion,
    acknowledgedAt: completion,
    acknowledgedBy: completionPlain,
    version: completionPlain,
  }),
  // A duplicate group shows only its commune and its persons, whose fields have their own rules.
  ...fieldsOf('PotentialDuplicate', 'police', { unit: communeWorkPlain, persons: communeWorkPlain }),
  ...fieldsOf('PotentialDuplicateConnection', 'police', connection(COMMUNE_WORK)),
  ...fieldsOf('TransferNoticeConnection', 'police', connection(COMMUNE_WORK)),
  ...fieldsOf('AbsconderSearchConnection', 'police', connection(COMMUNE_WORK)),
  ...fieldsOf('RehabCompletionNoticeConnection', 'police', connection(COMMUNE_WORK)),
  ...fieldsOf('DrugUserManagementConnection', 'police', connection(COMMUNE_WORK)),
};
