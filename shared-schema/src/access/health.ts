import type { Role } from './roles';
import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Who may read an addiction determination's conclusion: health, and the officers of the
 * legal path that acts on it (it is the legal basis of rehab and of compulsory-rehab
 * dossiers, hence the court). Never volunteers (nothing clinical) nor analysts
 * (aggregates only).
 */
const DETERMINATION_READERS: readonly Role[] = [
  'health_worker',
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'court_clerk',
  'supervisor',
];

/**
 * Who may see that a person is enrolled in substitution treatment, at which clinic and
 * in which phase (police see the enrolment, not doses or HIV status).
 */
const TREATMENT_READERS: readonly Role[] = [
  'health_worker',
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'supervisor',
];

/**
 * Who may see requests for a determination: health, the officers who may make one
 * (police, commune, facility) and supervisors; the record scope is the requesting unit.
 */
const REQUEST_READERS: readonly Role[] = ['health_worker', 'police_officer', 'commune_official', 'facility_staff', 'supervisor'];

/** The clinical record (criteria, notes), doses, urine tests and HIV/hepatitis status: health only. */
const CLINICAL_READERS: readonly Role[] = ['health_worker'];
/** A determination reached through its request: those who may see both. */
const REQUEST_CONCLUSION_READERS: readonly Role[] = REQUEST_READERS.filter((r) => DETERMINATION_READERS.includes(r));

const clinical = { read: CLINICAL_READERS, sensitive: true };
const determination = { read: DETERMINATION_READERS, sensitive: true };
const request = { read: REQUEST_READERS, sensitive: true };
const treatment = { read: TREATMENT_READERS, sensitive: true };
const everyone = { read: ALL_ROLES };

export const HEALTH_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'health', { clinics: everyone, qualifiedDeterminationFacilities: everyone }),
  // Which facilities may determine addiction is public administration: every officer may read it.
  ...fieldsOf('QualifiedDeterminationFacility', 'health', {
    code: everyone,
    name: everyone,
    qualifiedOn: everyone,
    certifiedPhysicians: everyone,
  }),
  ...fieldsOf('Mutation', 'health', {
    requestAddictionDetermination: { read: ['police_officer', 'commune_official', 'facility_staff'] },
    recordAddictionExamination: { read: CLINICAL_READERS },
    enrollSubstitutionTreatment: { read: CLINICAL_READERS },
    advanceTreatmentPhase: { read: CLINICAL_READERS },
    transferTreatment: { read: CLINICAL_READERS },
    terminateTreatment: { read: CLINICAL_READERS },
    recordClinicDoses: { read: CLINICAL_READERS },
    openDispensingPoint: { read: ['health_worker'] },
    closeDispensingPoint: { read: ['health_worker'] },
    recordUrineTest: { read: CLINICAL_READERS },
    recordDrugUseScreening: { read: CLINICAL_READERS },
    recordDrugInducedPsychosis: { read: CLINICAL_READERS },
    endDrugInducedPsychosisCare: { read: CLINICAL_READERS },
    recordInfectionStatus: { read: CLINICAL_READERS },
  }),
  ...fieldsOf('Query', 'health', { missedDoseStreaks: { read: CLINICAL_READERS } }),
  ...fieldsOf('Person', 'health', {
    addictionDeterminations: determination,
    substitutionTreatment: treatment,
    addictionDeterminationRequests: request,
    addictionExaminations: clinical,
    doses: clinical,
    urineTests: clinical,
    drugUseScreenings: clinical,
    drugInducedPsychoses: clinical,
    infectionStatus: clinical,
  }),
  ...fieldsOf('AddictionDeterminationRequest', 'health', {
    id: { read: REQUEST_READERS },
    requestedAt: request,
    requestedOn: request,
    lateEntry: request,
    lateEntryReason: request,
    requestedBy: request,
    requestingUnit: request,
    reason: request,
    determination: { read: REQUEST_CONCLUSION_READERS, sensitive: true },
  }),
  ...fieldsOf('AddictionDetermination', 'health', {
    id: { read: DETERMINATION_READERS },
    examinedOn: determination,
    informedOn: determination,
    addicted: determination,
    substanceClasses: determination,
    documentNumber: determination,
  }),
  ...fieldsOf('SubstitutionTreatment', 'health', {
    id: { read: TREATMENT_READERS },
    status: treatment,
    phase: treatment,
    enrolledOn: treatment,
    medication: treatment,
    clinic: treatment,
    stoppedOn: treatment,
    // Part of the treatment status (why it stopped); the free-text note stays in health and is not in the schema.
    terminationReason: treatment,
    // A counter, not health data: whoever reads the treatment reads it (the portal's actions send it back).
    version: { read: TREATMENT_READERS },
  }),
  ...fieldsOf('AddictionExamination', 'health', {
    id: { read: CLINICAL_READERS },
    examinedOn: clinical,
    findings: clinical,
    clinicalNotes: clinical,
    physician: clinical,
    facilityCode: clinical,
    determination: clinical,
  }),
  ...fieldsOf('SubstanceFinding', 'health', {
    substanceClass: clinical,
    criteria: clinical,
    pattern: clinical,
    addicted: clinical,
  }),
  ...fieldsOf('Dose', 'health', {
    id: { read: CLINICAL_READERS },
    date: clinical,
    mg: clinical,
    kind: clinical,
    dispensingPoint: clinical,
    recordedBy: clinical,
    clinicCode: clinical,
  }),
  ...fieldsOf('ClinicDoseDay', 'health', {
    clinicCode: { read: CLINICAL_READERS },
    date: { read: CLINICAL_READERS },
    recorded: { read: CLINICAL_READERS },
  }),
  // Reached only through Query.missedDoseStreaks (health workers only); its treatment's fields are sensitive and audited.
  ...fieldsOf('MissedDoseStreak', 'health', {
    personId: { read: CLINICAL_READERS },
    person: { read: CLINICAL_READERS },
    treatment: { read: CLINICAL_READERS },
    lastDoseOn: { read: CLINICAL_READERS },
    days: { read: CLINICAL_READERS },
  }),
  ...fieldsOf('UrineTest', 'health', { id: { read: CLINICAL_READERS }, testedOn: clinical, results: clinical }),
  // Health workers only; each record carries its person for the audit of a sensitive read.
  ...fieldsOf('DrugInducedPsychosis', 'health', {
    id: { read: CLINICAL_READERS },
    ...Object.fromEntries(
      [
        'diagnosedOn',
        'substanceClasses',
        'severity',
        'riskToOthers',
        'care',
        'careFacility',
        'note',
        'status',
        'endedOn',
        'endReason',
        'endNote',
        'version',
      ].map((f) => [f, clinical]),
    ),
  }),
  ...fieldsOf('DrugUseScreening', 'health', {
    id: { read: CLINICAL_READERS },
    screenedOn: clinical,
    instrument: clinical,
    riskLevel: clinical,
    substanceClasses: clinical,
    referral: clinical,
    note: clinical,
  }),
  ...fieldsOf('UrineResult', 'health', { substanceClass: clinical, result: clinical }),
  ...fieldsOf('InfectionStatus', 'health', {
    id: { read: CLINICAL_READERS },
    hiv: clinical,
    hepatitisB: clinical,
    hepatitisC: clinical,
    testedOn: clinical,
    arv: clinical,
    arvStartedOn: clinical,
  }),
  // A clinic is public reference data (name and unit), readable by everyone.
  ...fieldsOf('Clinic', 'health', { code: everyone, name: everyone, unit: everyone, dispensingPoints: everyone }),
  // Where a clinic dispenses is public reference data too; which person took a dose there is not (Dose is clinical).
  ...fieldsOf('DispensingPoint', 'health', {
    code: everyone,
    clinicCode: everyone,
    name: everyone,
    address: everyone,
    openedOn: everyone,
    closedOn: everyone,
    version: everyone,
  }),
};
