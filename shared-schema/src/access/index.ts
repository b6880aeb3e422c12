import type { AccessMatrix } from './matrix';
import { SUBGRAPH_NAMES, type SubgraphName } from '../registry';
import { kitFieldRules } from './kit-fields';
import { loadSubgraphAccessRules, mergeAccessRules } from './subgraph-rules';
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
export * from './outbox-admin';
export * from './notifications';
export * from './kit-fields';
export * from './subgraph-rules';
export { SHARED_RULES, POLICE_RULES, LABOR_WELFARE_RULES, HEALTH_RULES, VOLUNTEERS_RULES };
export { INDICATOR_RULES, POST_REHAB_MODEL_RULES, TREATMENT_REGISTRATION_RULES };

/**
 * The access matrix of the whole supergraph, one entry per "Type.field": the shared and
 * cross-cutting rules and the four agencies' rule files here, plus the rules every
 * registered subgraph keeps in its own folder (subgraphs/<name>/access-rules.json).
 */
export const ACCESS_MATRIX: AccessMatrix = mergeAccessRules(
  {
    ...SHARED_RULES,
    ...POLICE_RULES,
    ...LABOR_WELFARE_RULES,
    ...HEALTH_RULES,
    ...VOLUNTEERS_RULES,
    ...INDICATOR_RULES,
    ...POST_REHAB_MODEL_RULES,
    ...TREATMENT_REGISTRATION_RULES,
  },
  ...SUBGRAPH_NAMES.map((name) => loadSubgraphAccessRules(name)),
);

/**
 * The matrix with subgraphs that are not registered (a test's throwaway subgraph): their
 * access-rules.json and the kit's fields named after them (access log, outbox, inbox).
 */
export function accessMatrixWith(extra: readonly { name: SubgraphName; dir: string }[]): AccessMatrix {
  return mergeAccessRules(
    ACCESS_MATRIX,
    kitFieldRules(extra.map((e) => e.name)),
    ...extra.map((e) => loadSubgraphAccessRules(e.name, e.dir)),
  );
}
