import type { Role } from './roles';
import { ALL_ROLES, CASE_ROLES, fieldsOf, type FieldRule } from './matrix';

/** Case roles except volunteers: volunteers see name, age and address only. */
const OFFICERS: readonly Role[] = CASE_ROLES.filter((r) => r !== 'volunteer');

export const POLICE_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'police', {
    person: { read: CASE_ROLES },
    personByIdentificationNumber: { read: OFFICERS },
    persons: { read: ALL_ROLES },
  }),
  ...fieldsOf('Person', 'police', {
    id: { read: ALL_ROLES },
    identificationNumber: { read: OFFICERS, sensitive: true },
    fullName: { read: CASE_ROLES, sensitive: true },
    otherNames: { read: OFFICERS, sensitive: true },
    dateOfBirth: { read: CASE_ROLES, sensitive: true },
    sex: { read: OFFICERS },
    ethnicity: { read: OFFICERS, sensitive: true },
    permanentResidence: { read: OFFICERS, sensitive: true },
    currentResidence: { read: CASE_ROLES, sensitive: true },
  }),
  ...fieldsOf('Residence', 'police', { unit: { read: CASE_ROLES }, addressLine: { read: CASE_ROLES } }),
  ...fieldsOf('PersonConnection', 'police', { nodes: { read: ALL_ROLES }, pageInfo: { read: ALL_ROLES }, totalCount: { read: ALL_ROLES } }),
};
