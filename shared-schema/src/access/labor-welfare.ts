import type { Role } from './roles';
import { ALL_ROLES, LEGAL_PATH_ROLES, fieldsOf, type FieldRule } from './matrix';

const everyone = { read: ALL_ROLES };

/**
 * Rehab episodes, dossiers, post-rehab cases and reintegration support tell where a
 * named person is in the legal path (compulsory rehab, absconding, relapse): officers of
 * the legal path only, audited. Not health workers, volunteers (they see the post-rehab
 * period through their own assignments in the volunteers subgraph) or analysts
 * (aggregates only).
 */
const legalPath = { read: LEGAL_PATH_ROLES, sensitive: true };

/** Who may call a mutation (`read` on Mutation.<name> means "may call"). */
const callers = (...roles: Role[]) => ({ read: roles });

/** Worklists: the officers who act on them (records are scoped to their unit in any case). */
const worklist = (...roles: Role[]) => ({ read: [...roles, 'supervisor'] as Role[] });

/**
 * The commune's Fatherland Front committee reviews the compulsory dossiers of its commune:
 * what the dossier proposes and on what grounds, and what became of it, with the subject's
 * name and date of birth as the dossier records them. Not the person's registry, health or
 * police records, nor the dossier's history of officers.
 */
const DOSSIER_REVIEWERS: readonly Role[] = [...LEGAL_PATH_ROLES, 'front_officer'];
const dossierReview = { read: DOSSIER_REVIEWERS, sensitive: true };
const DOSSIER_REVIEW_FIELDS = [
  'id',
  'person',
  'status',
  'ground',
  'groundNote',
  'startedOn',
  'residenceUnit',
  'subjectFullName',
  'subjectDateOfBirth',
  'repeat',
  'submittedOn',
  'forwardedOn',
  'court',
  'decision',
  'interimMeasure',
  'frontOpinion',
  'version',
];

/**
 * Trích xuất concerns an investigation: the police who ask (provincial investigation agency),
 * the facility that hands the resident over, and supervisors. Not the commune or labour office.
 */
const EXTRACTION_ROLES: Role[] = ['police_officer', 'facility_staff'];
const extraction = { read: [...EXTRACTION_ROLES, 'supervisor'] as Role[], sensitive: true };

/**
 * Complaints and denunciations are received and handled where they are lodged: the commune, the
 * provincial labour department or police, a facility. The complainant's identity is confidential
 * (a denouncer's by law): handlers only, each read audited against the complaint.
 */
const COMPLAINT_HANDLERS: Role[] = ['labour_officer', 'police_officer', 'commune_official', 'facility_staff'];
const complaintRead = { read: [...COMPLAINT_HANDLERS, 'supervisor'] as Role[] };
const complainant = { ...complaintRead, sensitive: true };

/** The agencies that train drug-control officers and staff: police, labour, health, the commune, the Front. */
const TRAINERS: Role[] = ['police_officer', 'labour_officer', 'health_worker', 'commune_official', 'front_officer'];

function legalPathFields(...fields: string[]): Record<string, typeof legalPath> {
  return Object.fromEntries(fields.map((f) => [f, legalPath]));
}

export const LABOR_WELFARE_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'labor-welfare', {
    facilities: everyone,
    facility: everyone,
    planTargets: everyone,
    facilitiesOverStaffingRatio: everyone,
    serviceProviders: everyone,
    providerRegister: everyone,
    // The register of licences is public (the licensing authority publishes it).
    facilityLicenceRegister: everyone,
    // Training courses are programme work, not personal data: a plan's report publishes them.
    trainingCourses: everyone,
    // Inspection conclusions about institutions are made public (kết luận thanh tra được công khai).
    inspections: everyone,
    // Budgets are public finance (công khai ngân sách).
    budgetLines: everyone,
    complaints: complaintRead,
    compulsoryRehabDossier: { read: LEGAL_PATH_ROLES },
    rehabEpisode: { read: LEGAL_PATH_ROLES },
    postRehabCase: { read: LEGAL_PATH_ROLES },
    dossiersAwaitingReview: worklist('labour_officer'),
    // The facility's intake worklist: approved dossiers sent to it, not yet admitted.
    dossiersAwaitingAdmission: worklist('facility_staff', 'labour_officer', 'police_officer'),
    abscondedResidents: worklist('facility_staff', 'labour_officer', 'police_officer'),
    dossiersAwaitingDecision: worklist('court_clerk'),
    dossiersForFrontOpinion: worklist('front_officer'),
    episodesDueToComplete: worklist('facility_staff', 'labour_officer', 'police_officer', 'commune_official'),
    overdueLeaves: worklist('facility_staff', 'labour_officer', 'police_officer'),
    postRehabCasesAwaitingDecision: worklist('commune_official', 'labour_officer', 'police_officer'),
    postRehabCasesEndingSoon: worklist('commune_official', 'labour_officer', 'police_officer'),
    communityRehabAwaitingPlan: worklist('commune_official', 'police_officer'),
    residentExtractions: worklist(...EXTRACTION_ROLES),
  }),
  ...fieldsOf('Mutation', 'labor-welfare', {
    updateFacilityStaffing: callers('labour_officer', 'police_officer', 'facility_staff'),
    addFacilityArea: callers('labour_officer', 'police_officer', 'facility_staff'),
    updateFacilityArea: callers('labour_officer', 'police_officer', 'facility_staff'),
    placeResidentInArea: callers('facility_staff'),
    registerServiceProvider: callers('labour_officer', 'police_officer'),
    // The province's licensing authority or state management of rehab on the day (the responsibilities table).
    registerFacility: callers('labour_officer', 'police_officer'),
    grantFacilityLicence: callers('labour_officer', 'police_officer'),
    renewFacilityLicence: callers('labour_officer', 'police_officer'),
    revokeFacilityLicence: callers('labour_officer', 'police_officer'),
    // Each agency records the courses it held for its officers and staff.
    recordTrainingCourse: callers(...TRAINERS),
    updateTrainingCourse: callers(...TRAINERS),
    // The province's state management of rehab on the day (the responsibilities table): labour, police, the steering committee.
    recordInspection: callers('labour_officer', 'police_officer', 'supervisor'),
    resolveInspection: callers('labour_officer', 'police_officer', 'supervisor'),
    // The agency that carries out a plan's activity records its funding and spending.
    recordBudgetLine: callers(...TRAINERS),
    updateBudgetLine: callers(...TRAINERS),
    recordBudgetSpending: callers(...TRAINERS),
    recordComplaint: callers(...COMPLAINT_HANDLERS, 'supervisor'),
    resolveComplaint: callers(...COMPLAINT_HANDLERS, 'supervisor'),
    publishServiceProvider: callers('labour_officer', 'police_officer'),
    withdrawServiceProvider: callers('labour_officer', 'police_officer'),
    draftCompulsoryRehabDossier: callers('police_officer', 'commune_official'),
    updateDossierDraft: callers('police_officer', 'commune_official'),
    // Roles of every arrangement in force at some date; the responsibility table decides per date (mutations check it).
    submitCompulsoryRehabDossier: callers('commune_official', 'police_officer'),
    returnDossierForCorrection: callers('labour_officer'),
    forwardDossierToCourt: callers('labour_officer', 'police_officer', 'commune_official'),
    recordCourtDecision: callers('court_clerk'),
    recordFrontOpinion: callers('front_officer'),
    setInterimMeasure: callers('commune_official', 'labour_officer', 'police_officer'),
    recordDossierEscort: callers('police_officer'),
    admitCompulsory: callers('facility_staff'),
    admitVoluntary: callers('facility_staff'),
    registerCommunityRehab: callers('commune_official'),
    advanceRehabPhase: callers('facility_staff', 'commune_official'),
    setCommunityRehabPlan: callers('commune_official'),
    requestResidentExtraction: callers('police_officer'),
    cancelResidentExtraction: callers('police_officer'),
    recordExtractionHandover: callers('facility_staff'),
    recordExtractionReturn: callers('facility_staff'),
    grantLeave: callers('facility_staff'),
    returnFromLeave: callers('facility_staff'),
    recordEscape: callers('facility_staff'),
    markLeaveAbsconded: callers('facility_staff'),
    returnAfterEscape: callers('facility_staff'),
    transferRehabEpisode: callers('facility_staff'),
    completeRehabEpisode: callers('facility_staff', 'commune_official'),
    terminateRehabEpisode: callers('facility_staff', 'commune_official'),
    decidePostRehab: callers('commune_official'),
    assignPostRehabSupporters: callers('commune_official'),
    recordPostRehabRelapse: callers('commune_official', 'police_officer'),
    recordPostRehabDrugUse: callers('commune_official', 'police_officer'),
    completePostRehab: callers('commune_official'),
    recordReintegrationSupport: callers('commune_official', 'labour_officer'),
    updateReintegrationOutcome: callers('commune_official', 'labour_officer'),
  }),
  ...fieldsOf('Person', 'labor-welfare', {
    rehabEpisodes: legalPath,
    compulsoryRehabDossiers: legalPath,
    postRehabCases: legalPath,
    reintegrationSupports: legalPath,
  }),
  ...fieldsOf('RehabEpisode', 'labor-welfare', {
    ...legalPathFields(
      'id',
      'person',
      'kind',
      'status',
      'admittedOn',
      'plannedEndOn',
      'endedOn',
      'facility',
      'residenceUnit',
      'termMonths',
      'daysHeld',
      'phase',
      'phaseSince',
      'leave',
      'absconding',
      'certificateNumber',
      'terminationReason',
      'dossier',
      'serviceProvider',
      'communitySetting',
      'postRehabCase',
      'events',
      'communityRehabPlan',
      'area',
      'version',
    ),
    // Extractions concern an investigation: the police who ask, the facility that hands over, supervisors.
    extractions: extraction,
  }),
  ...fieldsOf(
    'ResidentExtraction',
    'labor-welfare',
    Object.fromEntries(
      [
        'id',
        'person',
        'episode',
        'facility',
        'requestingUnit',
        'requestingAgency',
        'documentNumber',
        'purpose',
        'requestedOn',
        'expectedReturnOn',
        'status',
        'handedOverOn',
        'returnedOn',
        'cancelReason',
        'overdue',
        'version',
      ].map((f) => [f, extraction]),
    ),
  ),
  // Read, and audited, through RehabEpisode.communityRehabPlan: the caregiver's and supporters' names
  // and phones are third parties' data, for the legal-path officers only.
  ...fieldsOf('CommunityRehabPlan', 'labor-welfare', {
    revision: { read: LEGAL_PATH_ROLES },
    preparedOn: { read: LEGAL_PATH_ROLES },
    goals: { read: LEGAL_PATH_ROLES },
    caregiver: { read: LEGAL_PATH_ROLES },
    supporters: { read: LEGAL_PATH_ROLES },
    phases: { read: LEGAL_PATH_ROLES },
  }),
  ...fieldsOf('FamilyCaregiver', 'labor-welfare', {
    fullName: { read: LEGAL_PATH_ROLES },
    relationship: { read: LEGAL_PATH_ROLES },
    phone: { read: LEGAL_PATH_ROLES },
  }),
  ...fieldsOf('CommunityRehabSupporter', 'labor-welfare', {
    fullName: { read: LEGAL_PATH_ROLES },
    role: { read: LEGAL_PATH_ROLES },
    organisation: { read: LEGAL_PATH_ROLES },
    phone: { read: LEGAL_PATH_ROLES },
  }),
  ...fieldsOf('PlannedRehabPhase', 'labor-welfare', {
    phase: { read: LEGAL_PATH_ROLES },
    startsOn: { read: LEGAL_PATH_ROLES },
    activities: { read: LEGAL_PATH_ROLES },
  }),
  ...fieldsOf('RehabLeave', 'labor-welfare', legalPathFields('reason', 'note', 'startedOn', 'dueOn')),
  ...fieldsOf('Absconding', 'labor-welfare', legalPathFields('reason', 'since')),
  ...fieldsOf('CompulsoryRehabDossier', 'labor-welfare', {
    ...legalPathFields(
      'priorDecisionRef',
      'addictionDeterminationRef',
      'correctionReason',
      'allowedTerm',
      'interimFacility',
      'interimSince',
      'daysHeld',
      'escortedOn',
      'admittedOn',
      'episode',
      'events',
    ),
    ...Object.fromEntries(DOSSIER_REVIEW_FIELDS.map((f) => [f, dossierReview])),
  }),
  ...fieldsOf('CourtDecision', 'labor-welfare', {
    ...legalPathFields('facility', 'reason'),
    ...Object.fromEntries(['outcome', 'decisionNumber', 'decidedOn', 'termMonths'].map((f) => [f, dossierReview])),
  }),
  ...fieldsOf('FrontOpinion', 'labor-welfare', {
    opinion: dossierReview,
    reasoning: dossierReview,
    givenOn: dossierReview,
    unit: { read: DOSSIER_REVIEWERS },
  }),
  // The range of terms is the law applied to an age: no personal data beyond the dossier's.
  ...fieldsOf('TermRange', 'labor-welfare', {
    minMonths: { read: LEGAL_PATH_ROLES },
    maxMonths: { read: LEGAL_PATH_ROLES },
    category: { read: LEGAL_PATH_ROLES },
    legalBasis: { read: LEGAL_PATH_ROLES },
  }),
  // Events are read through their (audited) case; actor names are officers', not the person's.
  ...fieldsOf(
    'CaseEvent',
    'labor-welfare',
    Object.fromEntries(
      ['action', 'fromStatus', 'toStatus', 'occurredOn', 'recordedAt', 'note', 'actorUsername', 'actorRole', 'actorUnitCode'].map(
        (f) => [f, { read: LEGAL_PATH_ROLES }],
      ),
    ),
  ),
  ...fieldsOf('PostRehabCase', 'labor-welfare', {
    ...legalPathFields(
      'id',
      'person',
      'status',
      'basis',
      'episode',
      'substitutionTreatmentId',
      'residenceUnit',
      'openedOn',
      'decisionNumber',
      'decisionOn',
      'periodMonths',
      'endsOn',
      'relapsedOn',
      'relapseNote',
      'completedOn',
      'certificateNumber',
      'events',
      'drugUses',
      'version',
    ),
    // Volunteer ids (not the person's data; the case itself is read, and audited, through its other fields).
    supporterIds: { read: LEGAL_PATH_ROLES },
  }),
  // Read, and audited, through PostRehabCase.drugUses.
  ...fieldsOf('PostRehabDrugUse', 'labor-welfare', {
    id: { read: LEGAL_PATH_ROLES },
    usedOn: { read: LEGAL_PATH_ROLES },
    evidence: { read: LEGAL_PATH_ROLES },
    note: { read: LEGAL_PATH_ROLES },
  }),
  ...fieldsOf(
    'ReintegrationSupport',
    'labor-welfare',
    legalPathFields(
      'id',
      'person',
      'kind',
      'provider',
      'startedOn',
      'amountVnd',
      'outcome',
      'outcomeOn',
      'outcomeNote',
      'residenceUnit',
      'postRehabCase',
      'version',
    ),
  ),
  // Facilities, their occupancy and staffing, providers and plan targets are public administration, not personal data.
  ...fieldsOf('Facility', 'labor-welfare', {
    code: everyone,
    name: everyone,
    kind: everyone,
    admitsMinors: everyone,
    capacity: everyone,
    staffCount: everyone,
    managerCount: everyone,
    unit: everyone,
    occupancy: everyone,
    staffing: everyone,
    managingAgency: everyone,
    areas: everyone,
    licences: everyone,
    licenceState: everyone,
    residentsWithoutArea: everyone,
    version: everyone,
  }),
  ...fieldsOf('FacilityArea', 'labor-welfare', {
    id: everyone,
    name: everyone,
    kind: everyone,
    capacity: everyone,
    occupancy: everyone,
    overCapacity: everyone,
    version: everyone,
  }),
  ...fieldsOf('FacilityLicence', 'labor-welfare', {
    id: everyone,
    facility: everyone,
    licenceNumber: everyone,
    grantedOn: everyone,
    validUntil: everyone,
    licensedCapacity: everyone,
    renewals: everyone,
    revokedOn: everyone,
    revocationReason: everyone,
    status: everyone,
    version: everyone,
  }),
  ...fieldsOf('TrainingCourse', 'labor-welfare', {
    id: everyone,
    unit: everyone,
    title: everyone,
    agency: everyone,
    startedOn: everyone,
    endedOn: everyone,
    participants: everyone,
    totalParticipants: everyone,
    version: everyone,
  }),
  ...fieldsOf('Inspection', 'labor-welfare', {
    id: everyone,
    unit: everyone,
    kind: everyone,
    inspectedOn: everyone,
    agency: everyone,
    findings: everyone,
    violations: everyone,
    recommendations: everyone,
    followUpDueOn: everyone,
    resolvedOn: everyone,
    resolution: everyone,
    status: everyone,
    version: everyone,
  }),
  ...fieldsOf('BudgetLine', 'labor-welfare', {
    id: everyone,
    unit: everyone,
    fiscalYear: everyone,
    source: everyone,
    activity: everyone,
    allocated: everyone,
    allocatedOn: everyone,
    agency: everyone,
    note: everyone,
    spent: everyone,
    spendings: everyone,
    version: everyone,
  }),
  ...fieldsOf('Complaint', 'labor-welfare', {
    id: complaintRead,
    kind: complaintRead,
    unit: complaintRead,
    agency: complaintRead,
    receivedOn: complaintRead,
    subject: complaintRead,
    summary: complainant,
    complainantName: complainant,
    complainantContact: complainant,
    dueOn: complaintRead,
    status: complaintRead,
    resolvedOn: complaintRead,
    outcome: complaintRead,
    resolution: complaintRead,
    version: complaintRead,
  }),
  ...fieldsOf('BudgetSpending', 'labor-welfare', { id: everyone, spentOn: everyone, amount: everyone, note: everyone }),
  ...fieldsOf('TrainedGroupCount', 'labor-welfare', { group: everyone, count: everyone }),
  ...fieldsOf('FacilityLicenceRenewal', 'labor-welfare', {
    renewedOn: everyone,
    previousValidUntil: everyone,
    validUntil: everyone,
  }),
  ...fieldsOf('FacilityOccupancy', 'labor-welfare', { compulsory: everyone, voluntary: everyone, total: everyone }),
  ...fieldsOf('FacilityStaffing', 'labor-welfare', {
    compulsoryResidents: everyone,
    voluntaryResidents: everyone,
    careStaff: everyone,
    requiredStaff: everyone,
    overRatio: everyone,
  }),
  ...fieldsOf('ServiceProvider', 'labor-welfare', {
    id: everyone,
    name: everyone,
    unit: everyone,
    registrationNumber: everyone,
    registeredOn: everyone,
    address: everyone,
    conditionsMet: everyone,
    publishedOn: everyone,
    withdrawnOn: everyone,
    withdrawalReason: everyone,
    version: everyone,
  }),
  ...fieldsOf('PlanTarget', 'labor-welfare', { year: everyone, unit: everyone, indicator: everyone, target: everyone }),
};
