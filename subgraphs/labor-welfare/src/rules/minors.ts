import { ageOn, ruleAt, type LegalRuleRecord } from '@rehab/shared-schema';
import type { FacilityEntity } from '../entities/Facility';
import { ADULT_AGE, COMPULSORY_MIN_AGE } from './term';
import { badInput } from './errors';

/**
 * Law 120/2025 (MINOR_COMPULSORY_PLACEMENT, from 1 July 2026): a person aged 12 to under 18
 * on the court's decision goes to a reformatory school or a suitable public facility, so a
 * facility not marked as admitting minors is refused. Decisions before the rule's date keep
 * the old law (no such check).
 */
export function checkMinorPlacement(
  facility: Pick<FacilityEntity, 'code' | 'name' | 'admitsMinors'>,
  dateOfBirth: string,
  decidedOn: string,
  rules: readonly LegalRuleRecord[],
  field: string,
): void {
  if (!ruleAt('MINOR_COMPULSORY_PLACEMENT', decidedOn, rules)) return;
  const age = ageOn(dateOfBirth, decidedOn);
  if (age < COMPULSORY_MIN_AGE || age >= ADULT_AGE || facility.admitsMinors) return;
  throw badInput(
    {
      vi: `Người dưới ${ADULT_AGE} tuổi (${age} tuổi) cai nghiện bắt buộc tại trường giáo dưỡng hoặc cơ sở cai nghiện công lập phù hợp; ${facility.name} không tiếp nhận người chưa thành niên`,
      en: `A person under ${ADULT_AGE} (aged ${age}) goes to a reformatory school or a suitable public facility; ${facility.code} does not admit minors`,
    },
    field,
  );
}
