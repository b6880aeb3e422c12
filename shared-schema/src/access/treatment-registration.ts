import type { Role } from './roles';
import { fieldsOf, type FieldRule } from './matrix';

/**
 * Treatment-registration deadlines (police): the worklist commune police compile a
 * compulsory-rehab dossier's NOT_REGISTERED ground from, since 1 March 2025 their task
 * (Decree 02/2025). Police only; the record's unit scope is checked in the resolvers.
 */
const POLICE: readonly Role[] = ['police_officer'];
const plain = { read: POLICE };
const sensitive = { read: POLICE, sensitive: true };

export const TREATMENT_REGISTRATION_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'police', { treatmentRegistrationOverdue: plain }),
  ...fieldsOf('Person', 'police', { treatmentRegistrationDeadline: sensitive }),
  ...fieldsOf('TreatmentRegistrationDeadline', 'police', {
    id: plain,
    person: plain,
    determinationId: plain,
    determinedOn: sensitive,
    informedOn: sensitive,
    substanceClasses: sensitive,
    workingDays: plain,
    deadline: sensitive,
    registeredOn: sensitive,
    registrationForm: sensitive,
    compulsoryAdmittedOn: sensitive,
    status: sensitive,
    daysOverdue: sensitive,
  }),
  ...fieldsOf('TreatmentRegistrationDeadlineConnection', 'police', { nodes: plain, pageInfo: plain, totalCount: plain }),
};
