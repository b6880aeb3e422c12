import type { EntityManager } from 'typeorm';
import { LegalRuleEntity } from '@rehab/server-kit';
import type { LegalRuleRecord } from '@rehab/shared-schema';

/** The legal rules as this subgraph's database holds them (the rules table, not constants in code; `batch` is not stored). */
export async function loadLegalRules(manager: EntityManager): Promise<LegalRuleRecord[]> {
  const rows = await manager.getRepository(LegalRuleEntity).find();
  return rows.map((r) => ({
    code: r.code as LegalRuleRecord['code'],
    description: r.description,
    kind: r.kind,
    value: r.value,
    unit: r.unit,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    legalBasis: r.legalBasis,
    batch: 1,
  }));
}
