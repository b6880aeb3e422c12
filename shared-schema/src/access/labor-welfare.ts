import { ALL_ROLES, LEGAL_PATH_ROLES, fieldsOf, type FieldRule } from './matrix';

const everyone = { read: ALL_ROLES };

/**
 * Rehab episodes tell where a named person is in the legal path (compulsory rehab,
 * absconding): officers of the legal path only, audited. Not health workers,
 * volunteers or analysts (aggregates only).
 */
const legalPath = { read: LEGAL_PATH_ROLES, sensitive: true };

export const LABOR_WELFARE_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'labor-welfare', { facilities: everyone, facility: everyone, planTargets: everyone }),
  ...fieldsOf('Person', 'labor-welfare', { rehabEpisodes: legalPath }),
  ...fieldsOf('RehabEpisode', 'labor-welfare', {
    id: legalPath, kind: legalPath, status: legalPath, admittedOn: legalPath, plannedEndOn: legalPath,
    endedOn: legalPath, facility: legalPath,
  }),
  // Facilities and plan targets are public administration, not personal data.
  ...fieldsOf('Facility', 'labor-welfare', {
    code: everyone, name: everyone, kind: everyone, capacity: everyone, staffCount: everyone, unit: everyone,
  }),
  ...fieldsOf('PlanTarget', 'labor-welfare', { year: everyone, unit: everyone, indicator: everyone, target: everyone }),
};
