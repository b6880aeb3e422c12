import type { Role } from './roles';
import { fieldsOf, type FieldRule } from './matrix';

/**
 * Post-rehab models are programmes of a commune, not people: who runs or funds them
 * (commune, labour), police and supervisors, and analysts (they are counted by the plan's
 * indicators). Nobody's health or legal status shows through them.
 */
const READERS: readonly Role[] = ['commune_official', 'labour_officer', 'police_officer', 'analyst', 'supervisor'];
const read = { read: READERS };

export const POST_REHAB_MODEL_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'labor-welfare', { postRehabModels: read }),
  ...fieldsOf('Mutation', 'labor-welfare', {
    recordPostRehabModel: { read: ['commune_official', 'labour_officer'] },
    endPostRehabModel: { read: ['commune_official', 'labour_officer'] },
  }),
  ...fieldsOf('PostRehabModel', 'labor-welfare', {
    id: read,
    name: read,
    kind: read,
    unit: read,
    establishedOn: read,
    endedOn: read,
    version: read,
  }),
  ...fieldsOf('PostRehabModelConnection', 'labor-welfare', { nodes: read, pageInfo: read, totalCount: read }),
};
