import { unitAt } from '@rehab/shared-schema';
import { nameUuid } from './seed-ids';

export const LICENCE_COLUMNS = [
  'id',
  'facility_code',
  'facility_owner_path',
  'licence_number',
  'granted_on',
  'valid_until',
  'licensed_capacity',
];

/** The demo's private facilities (illustrative units of the reference data). */
export const DEMO_PRIVATE_FACILITIES: readonly string[] = ['CSCNTN1'];

export const demoLicenceId = (facilityCode: string): string => nameUuid(`facility-licence:${facilityCode}`);

const GRANTED_ON = '2022-03-15';

/** Each demo private facility holds a five-year licence granted by the labour department in 2022. */
export function demoLicenceRows(facilities: readonly unknown[][]): unknown[][] {
  return facilities
    .filter(([code]) => DEMO_PRIVATE_FACILITIES.includes(String(code)))
    .map(([code, , , capacity]) => {
      const unit = unitAt(String(code), GRANTED_ON);
      if (!unit) throw new Error(`Demo private facility ${String(code)} is not a unit on ${GRANTED_ON}`);
      return [demoLicenceId(String(code)), code, unit.path, `01/2022/GP-SLĐTBXH`, GRANTED_ON, '2027-03-14', capacity];
    });
}
