import { ageOn, type DemoPerson, type DemoRehab } from '@rehab/shared-schema';
import { nameUuid } from './seed-ids';

export const AREA_COLUMNS = ['id', 'facility_code', 'name', 'kind', 'capacity'];

const OPEN = new Set(['ADMITTED', 'ON_LEAVE', 'ABSCONDED']);

/** A demo facility's area of a kind. */
export const demoAreaId = (facilityCode: string, kind: 'MEN' | 'WOMEN'): string =>
  nameUuid(`facility-area:${facilityCode}:${kind}`);

/** Each demo facility has a men's and a women's area (most residents are men); none admits minors in the demo. */
export function demoAreaRows(facilities: readonly unknown[][]): unknown[][] {
  return facilities.flatMap(([code, , , capacity]) => {
    const places = Number(capacity);
    const men = Math.round(places * 0.85);
    return [
      [demoAreaId(String(code), 'MEN'), code, 'Khu nam', 'MEN', men],
      [demoAreaId(String(code), 'WOMEN'), code, 'Khu nữ', 'WOMEN', places - men],
    ];
  });
}

/** The area a demo resident at a facility is placed in now: by sex, adults only (minors wait for a minors' area). */
export function demoAreaOf(p: DemoPerson, rehab: DemoRehab, ref: string): string | null {
  if (!rehab.facilityCode || !OPEN.has(rehab.status) || ageOn(p.dateOfBirth, ref) < 18) return null;
  return demoAreaId(rehab.facilityCode, p.sex === 'FEMALE' ? 'WOMEN' : 'MEN');
}
