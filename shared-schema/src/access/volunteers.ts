import type { Role } from './roles';
import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Who may see that a person is helped by a volunteer: the fact alone reveals that the
 * person is under management, so it is sensitive. Officers who manage or escort the
 * person, the volunteers themselves and supervisors; not health workers, facility
 * staff, court clerks or analysts (DOMAIN.md, "Sensitivity and who may see what").
 */
const SUPPORT_ROLES: readonly Role[] = ['commune_official', 'police_officer', 'labour_officer', 'volunteer', 'supervisor'];

const support = { read: SUPPORT_ROLES, sensitive: true };
const everyone = { read: ALL_ROLES };

export const VOLUNTEERS_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'volunteers', { massOrganisations: everyone }),
  ...fieldsOf('Person', 'volunteers', { supportAssignments: support }),
  ...fieldsOf('VolunteerAssignment', 'volunteers', {
    id: support, reason: support, startedOn: support, endedOn: support, volunteer: support,
  }),
  ...fieldsOf('Volunteer', 'volunteers', {
    id: support, fullName: support, phone: support, organisation: support, unit: support,
  }),
  // The organisations themselves are public reference data.
  ...fieldsOf('MassOrganisation', 'volunteers', {
    code: everyone, name: everyone, kind: everyone, unit: everyone, maxActiveAssignments: everyone,
  }),
};
