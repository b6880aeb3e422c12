import { formatDateVi, todayInHanoi, units, type AdministrativeUnitRecord, type UnitLevel } from '@rehab/shared-schema';
import { domainError } from '../errors';

const LEVEL_LABEL: Record<UnitLevel, { vi: string; en: string }> = {
  PROVINCE: { vi: 'tỉnh, thành phố', en: 'a province' },
  DISTRICT: { vi: 'quận, huyện (trước 01/7/2025)', en: 'a district (before 1 July 2025)' },
  COMMUNE: { vi: 'xã, phường, đặc khu', en: 'a commune, ward or special zone' },
  FACILITY: { vi: 'cơ sở cai nghiện', en: 'a rehab facility' },
  CLINIC: { vi: 'cơ sở điều trị', en: 'a treatment clinic' },
  COURT: { vi: 'Tòa án', en: 'a court' },
};

export function unitLevelLabel(level: UnitLevel): { vi: string; en: string } {
  return LEVEL_LABEL[level];
}

/**
 * The unit an input names, as it was on `on` (the record's own date; today by default),
 * checked to be of one of `levels`. A code that exists on other dates only is named with
 * the dates it was valid, so the officer sees why.
 */
export function requireUnit(
  code: string,
  field: string,
  levels: readonly UnitLevel[],
  on: string = todayInHanoi(),
): AdministrativeUnitRecord {
  const versions = units().versions(code);
  if (versions.length === 0)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` },
      { field },
    );
  const unit = units().at(code, on);
  if (!unit) {
    const spans = versions
      .map((v) => `${v.name} (${formatDateVi(v.validFrom)}–${v.validTo ? formatDateVi(v.validTo) : 'nay'})`)
      .join('; ');
    const spansEn = versions.map((v) => `${v.name} (${v.validFrom} to ${v.validTo ?? 'today'})`).join('; ');
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Mã ${code} không là đơn vị nào vào ngày ${formatDateVi(on)}: ${spans}`,
        en: `Code ${code} names no unit on ${on}: ${spansEn}`,
      },
      { field },
    );
  }
  if (!levels.includes(unit.level)) {
    const wanted = levels.map((l) => LEVEL_LABEL[l]);
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Đơn vị ${code} (${unit.name}) phải là ${wanted.map((w) => w.vi).join(' hoặc ')}`,
        en: `The unit ${code} (${unit.name}) must be ${wanted.map((w) => w.en).join(' or ')}`,
      },
      { field },
    );
  }
  return unit;
}
