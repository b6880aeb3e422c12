/**
 * FROZEN: the unit tree the first reference-data migration loaded (Hà Nội only, with
 * GENERATED communes "Phường <district> 1…6" and clinics under districts). It is kept
 * unchanged so that migration stays what it was; the real tree replaces it in a later
 * migration, which maps each generated commune to a real commune of its district
 * (legacyCommuneReplacement). Nothing else may use it.
 */
type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | 'FACILITY' | 'CLINIC';

interface AdministrativeUnitRecord {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  path: string;
  validFrom: string;
  validTo: string | null;
}

const HANOI_CODE = '01';
const HANOI_FROM = '2008-08-01';
const DISTRICT_TIER_ENDS = '2025-06-30';
const COMMUNES_PER_DISTRICT = 6;

type DistrictKind = 'Quận' | 'Huyện' | 'Thị xã';
const DISTRICTS: readonly (readonly [string, string, DistrictKind])[] = [
  ['001', 'Ba Đình', 'Quận'],
  ['002', 'Hoàn Kiếm', 'Quận'],
  ['003', 'Tây Hồ', 'Quận'],
  ['004', 'Long Biên', 'Quận'],
  ['005', 'Cầu Giấy', 'Quận'],
  ['006', 'Đống Đa', 'Quận'],
  ['007', 'Hai Bà Trưng', 'Quận'],
  ['008', 'Hoàng Mai', 'Quận'],
  ['009', 'Thanh Xuân', 'Quận'],
  ['016', 'Sóc Sơn', 'Huyện'],
  ['017', 'Đông Anh', 'Huyện'],
  ['018', 'Gia Lâm', 'Huyện'],
  ['019', 'Nam Từ Liêm', 'Quận'],
  ['020', 'Thanh Trì', 'Huyện'],
  ['021', 'Bắc Từ Liêm', 'Quận'],
  ['250', 'Mê Linh', 'Huyện'],
  ['268', 'Hà Đông', 'Quận'],
  ['269', 'Sơn Tây', 'Thị xã'],
  ['271', 'Ba Vì', 'Huyện'],
  ['272', 'Phúc Thọ', 'Huyện'],
  ['273', 'Đan Phượng', 'Huyện'],
  ['274', 'Hoài Đức', 'Huyện'],
  ['275', 'Quốc Oai', 'Huyện'],
  ['276', 'Thạch Thất', 'Huyện'],
  ['277', 'Chương Mỹ', 'Huyện'],
  ['278', 'Thanh Oai', 'Huyện'],
  ['279', 'Thường Tín', 'Huyện'],
  ['280', 'Phú Xuyên', 'Huyện'],
  ['281', 'Ứng Hòa', 'Huyện'],
  ['282', 'Mỹ Đức', 'Huyện'],
];

/** Hà Nội's seven public rehab facilities (names as in the 2022 plan). */
const FACILITY_UNITS: readonly { code: string; name: string }[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
  code: `CSCN${n}`,
  name: `Cơ sở cai nghiện ma túy số ${n} Hà Nội`,
}));

/** Districts that host a methadone clinic in the demo data (generated). */
const CLINIC_DISTRICTS = [
  '001',
  '002',
  '004',
  '006',
  '007',
  '008',
  '009',
  '016',
  '017',
  '018',
  '020',
  '268',
  '269',
  '271',
  '277',
];

function unit(
  code: string,
  name: string,
  level: UnitLevel,
  parent: AdministrativeUnitRecord | null,
  validTo: string | null = null,
): AdministrativeUnitRecord {
  return {
    code,
    name,
    level,
    parentCode: parent?.code ?? null,
    path: parent ? `${parent.path}.${code}` : code,
    validFrom: HANOI_FROM,
    validTo,
  };
}

function communeName(kind: DistrictKind, district: string, n: number): string {
  return `${kind === 'Huyện' ? 'Xã' : 'Phường'} ${district} ${n}`;
}

function buildUnits(): AdministrativeUnitRecord[] {
  const hanoi = unit(HANOI_CODE, 'Thành phố Hà Nội', 'PROVINCE', null);
  const units = [hanoi];
  for (const [code, name, kind] of DISTRICTS) {
    const district = unit(code, `${kind} ${name}`, 'DISTRICT', hanoi, DISTRICT_TIER_ENDS);
    units.push(district);
    for (let n = 1; n <= COMMUNES_PER_DISTRICT; n++) {
      units.push(unit(`${code}${String(n).padStart(2, '0')}`, communeName(kind, name, n), 'COMMUNE', district));
    }
    if (CLINIC_DISTRICTS.includes(code)) {
      units.push(unit(`MMT${code}`, `Cơ sở điều trị Methadone ${name}`, 'CLINIC', district));
    }
  }
  for (const f of FACILITY_UNITS) units.push(unit(f.code, f.name, 'FACILITY', hanoi));
  return units;
}

export type LegacyUnitRecord = AdministrativeUnitRecord;
export const LEGACY_GENERATED_UNITS: readonly LegacyUnitRecord[] = buildUnits();
