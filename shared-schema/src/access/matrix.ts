import type { SubgraphName } from '../registry';
import { ROLES, type Role } from './roles';

/** An Agency, a registered subgraph's name (a new subgraph owns its own fields) or 'shared' (the kit): names come from the registry, so any string. */
export type FieldOwner = SubgraphName;

/**
 * One entry per schema field: which agency owns it, which roles may read it and
 * whether a read is sensitive (audited, with the person it concerns).
 * Every field of every subgraph must have an entry; a subgraph refuses to start
 * with a field that has none.
 */
export interface FieldRule {
  /** The agency or subgraph that owns the field (a new subgraph owns its own), or the shared kit. */
  owner: FieldOwner;
  read: readonly Role[];
  sensitive?: boolean;
}

export type AccessMatrix = Readonly<Record<string, FieldRule>>;

export const ALL_ROLES: readonly Role[] = ROLES;

/**
 * Officers who act on a named person's case: everyone but analysts (aggregates) and the
 * Fatherland Front's reviewers, who read only the compulsory dossiers put to their commune.
 */
export const CASE_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== 'analyst' && r !== 'front_officer');

/** Officers of the legal path: police, commune, labour, facility, court. */
export const LEGAL_PATH_ROLES: readonly Role[] = [
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'court_clerk',
  'supervisor',
];

export function canRead(matrix: AccessMatrix, role: Role, coordinate: string): boolean {
  const rule = matrix[coordinate];
  return rule?.read.includes(role) === true;
}

/** Declares rules for several fields of one type at once. */
export function fieldsOf(
  type: string,
  owner: FieldRule['owner'],
  fields: Readonly<Record<string, { read: readonly Role[]; sensitive?: boolean }>>,
): Record<string, FieldRule> {
  const out: Record<string, FieldRule> = {};
  for (const [field, rule] of Object.entries(fields)) out[`${type}.${field}`] = { owner, ...rule };
  return out;
}
