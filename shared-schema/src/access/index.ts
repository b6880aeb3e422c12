import type { AccessMatrix } from './matrix';
import { SHARED_RULES } from './shared';
import { POLICE_RULES } from './police';
import { LABOR_WELFARE_RULES } from './labor-welfare';
import { HEALTH_RULES } from './health';
import { VOLUNTEERS_RULES } from './volunteers';
import { INDICATOR_RULES } from './indicators';
import { POST_REHAB_MODEL_RULES } from './post-rehab-models';
import { TREATMENT_REGISTRATION_RULES } from './treatment-registration';

export * from './roles';
export * from './matrix';
export * from './access-log';
export { SHARED_RULES, POLICE_RULES, LABOR_WELFARE_RULES, HEALTH_RULES, VOLUNTEERS_RULES };
export { INDICATOR_RULES, POST_REHAB_MODEL_RULES, TREATMENT_REGISTRATION_RULES };

/** The access matrix of the whole supergraph, one entry per "Type.field". */
export const ACCESS_MATRIX: AccessMatrix = {
  ...SHARED_RULES,
  ...POLICE_RULES,
  ...LABOR_WELFARE_RULES,
  ...HEALTH_RULES,
  ...VOLUNTEERS_RULES,
  ...INDICATOR_RULES,
  ...POST_REHAB_MODEL_RULES,
  ...TREATMENT_REGISTRATION_RULES,
};
