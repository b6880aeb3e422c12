import type { Role } from './roles';
import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Who may read an addiction determination's conclusion: health, and the officers of the
 * legal path that acts on it (it is the legal basis of rehab and of compulsory-rehab
 * dossiers, hence the court). Never volunteers (nothing clinical) nor analysts
 * (aggregates only).
 */
const DETERMINATION_READERS: readonly Role[] = [
  'health_worker', 'police_officer', 'commune_official', 'labour_officer', 'facility_staff', 'court_clerk', 'supervisor',
];

/**
 * Who may see that a person is enrolled in substitution treatment, at which clinic and
 * in which phase (DOMAIN.md: police see the enrolment, not doses or HIV status).
 */
const TREATMENT_READERS: readonly Role[] = [
  'health_worker', 'police_officer', 'commune_official', 'labour_officer', 'facility_staff', 'supervisor',
];

/**
 * Who may see requests for a determination: health, the officers who may make one
 * (police, commune, facility) and supervisors; the record scope is the requesting unit.
 */
const REQUEST_READERS: readonly Role[] = ['health_worker', 'police_officer', 'commune_official', 'facility_staff', 'supervisor'];

const determination = { read: DETERMINATION_READERS, sensitive: true };
const request = { read: REQUEST_READERS, sensitive: true };
const treatment = { read: TREATMENT_READERS, sensitive: true };
const everyone = { read: ALL_ROLES };

export const HEALTH_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'health', { clinics: everyone }),
  ...fieldsOf('Mutation', 'health', {
    requestAddictionDetermination: { read: ['police_officer', 'commune_official', 'facility_staff'] },
  }),
  ...fieldsOf('Person', 'health', {
    addictionDeterminations: determination,
    substitutionTreatment: treatment,
    addictionDeterminationRequests: request,
  }),
  ...fieldsOf('AddictionDeterminationRequest', 'health', {
    id: { read: REQUEST_READERS },
    requestedAt: request,
    requestedBy: request,
    requestingUnit: request,
    reason: request,
  }),
  ...fieldsOf('AddictionDetermination', 'health', {
    id: { read: DETERMINATION_READERS },
    examinedOn: determination,
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
  }),
  // A clinic is public reference data (name and unit), readable by everyone.
  ...fieldsOf('Clinic', 'health', { code: everyone, name: everyone, unit: everyone }),
};
