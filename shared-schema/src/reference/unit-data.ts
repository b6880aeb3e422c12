import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../csv';
import {
  OLD_TIER_ENDS,
  REFORM_DATE,
  UNIT_RECORDS_FLOOR,
  type AdministrativeUnitRecord,
  type UnitKind,
  type UnitLevel,
} from './unit-types';

/** The published unit lists (data/units): Vietnam's units before and after the 1 July 2025 reform. */
export const UNITS_DATA_DIR = join(__dirname, '..', '..', 'data', 'units');

export type Row = Record<string, string>;

/** A CSV file of data/units as objects keyed by the header. */
export function readUnitsCsv(file: string, dir: string = UNITS_DATA_DIR): Row[] {
  const { header, rows } = parseCsv(readFileSync(join(dir, file), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.cells.map((h, i) => [h, r.cells[i] ?? ''])));
}

export interface ProvinceAfterReform {
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  predecessorCodes: string[];
}

export interface CommuneAfterReform {
  provinceCode: string;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  /** The published list of predecessors ("trước sáp nhập"), or "giữ nguyên" for a kept unit. */
  predecessors: string;
}

export interface UnitBeforeReformRow {
  provinceCode: string;
  provinceName: string;
  districtCode: string;
  districtName: string;
  communeCode: string;
  communeName: string;
}

export interface HanoiPredecessorRow {
  code: string;
  predecessorCode: string;
  predecessorDistrictCode: string;
  whole: boolean;
}

export interface InstitutionRow {
  code: string;
  name: string;
  level: Extract<UnitLevel, 'FACILITY' | 'CLINIC' | 'COURT'>;
  /** Province before the reform (empty when the institution began after it). */
  provinceBefore: string;
  /** Province after the reform (empty when it ended before). */
  provinceAfter: string;
  validFrom: string;
  validTo: string | null;
}

export interface UnitSourceData {
  provinces: ProvinceAfterReform[];
  communes: CommuneAfterReform[];
  before: UnitBeforeReformRow[];
  hanoi: HanoiPredecessorRow[];
  institutions: InstitutionRow[];
}

const AFTER_KIND: Record<string, UnitKind> = {
  city: 'CITY',
  province: 'PROVINCE',
  ward: 'WARD',
  commune: 'COMMUNE',
  'special administrative region': 'SPECIAL_ZONE',
};

function afterKind(kind: string): UnitKind {
  const k = AFTER_KIND[kind];
  if (!k) throw new Error(`Unknown unit kind in the published list: ${kind}`);
  return k;
}

const LEVELS = new Set(['FACILITY', 'CLINIC', 'COURT']);

export function readUnitSourceData(dir: string = UNITS_DATA_DIR): UnitSourceData {
  return {
    provinces: readUnitsCsv('provinces-2025.csv', dir).map((r) => ({
      code: r.code ?? '',
      name: r.full_name ?? '',
      nameEn: r.name_en ?? '',
      kind: afterKind(r.kind ?? ''),
      predecessorCodes: (r.predecessor_codes ?? '').split(/\s+/).filter(Boolean),
    })),
    communes: readUnitsCsv('communes-2025.csv', dir).map((r) => ({
      provinceCode: r.province_code ?? '',
      code: r.code ?? '',
      name: r.full_name ?? '',
      nameEn: r.name_en ?? '',
      kind: afterKind(r.kind ?? ''),
      predecessors: r.predecessors ?? '',
    })),
    before: readUnitsCsv('units-before-2025-07.csv', dir).map((r) => ({
      provinceCode: r.province_code ?? '',
      provinceName: r.province_name ?? '',
      districtCode: r.district_code ?? '',
      districtName: r.district_name ?? '',
      communeCode: r.commune_code ?? '',
      communeName: r.commune_name ?? '',
    })),
    hanoi: readUnitsCsv('hanoi-communes-2025-predecessors.csv', dir).map((r) => ({
      code: r.code ?? '',
      predecessorCode: r.predecessor_code ?? '',
      predecessorDistrictCode: r.predecessor_district_code ?? '',
      whole: r.whole === 'yes',
    })),
    institutions: readUnitsCsv('institutions.csv', dir).map((r) => {
      if (!LEVELS.has(r.level ?? '')) throw new Error(`Unknown institution level: ${r.level}`);
      return {
        code: r.code ?? '',
        name: r.name ?? '',
        level: r.level as InstitutionRow['level'],
        provinceBefore: r.province_before ?? '',
        provinceAfter: r.province_after ?? '',
        validFrom: r.valid_from || UNIT_RECORDS_FLOOR,
        validTo: r.valid_to || null,
      };
    }),
  };
}

const DISTRICT_KINDS: readonly (readonly [string, UnitKind])[] = [
  ['Quận ', 'URBAN_DISTRICT'],
  ['Huyện ', 'RURAL_DISTRICT'],
  ['Thị xã ', 'TOWN'],
  ['Thành phố ', 'PROVINCIAL_CITY'],
];
const COMMUNE_KINDS: readonly (readonly [string, UnitKind])[] = [
  ['Phường ', 'WARD'],
  ['Thị trấn ', 'TOWNSHIP'],
  ['Xã ', 'COMMUNE'],
];

function kindByPrefix(name: string, kinds: readonly (readonly [string, UnitKind])[], fallback: UnitKind): UnitKind {
  return kinds.find(([prefix]) => name.startsWith(prefix))?.[1] ?? fallback;
}

function version(
  code: string,
  name: string,
  nameEn: string | null,
  level: UnitLevel,
  kind: UnitKind,
  parent: AdministrativeUnitRecord | null,
  validFrom: string,
  validTo: string | null,
): AdministrativeUnitRecord {
  return {
    code,
    name,
    nameEn,
    level,
    kind,
    parentCode: parent?.code ?? null,
    path: parent ? `${parent.path}.${code}` : code,
    validFrom,
    validTo,
  };
}

/** Provinces whose code and territory did not change keep one record across the reform. */
export function unchangedProvinces(data: UnitSourceData): Set<string> {
  return new Set(
    data.provinces.filter((p) => p.predecessorCodes.length === 1 && p.predecessorCodes[0] === p.code).map((p) => p.code),
  );
}

function provincesOf(data: UnitSourceData, kept: Set<string>) {
  const after = new Map<string, AdministrativeUnitRecord>();
  const before = new Map<string, AdministrativeUnitRecord>();
  for (const p of data.provinces) {
    after.set(
      p.code,
      version(p.code, p.name, p.nameEn, 'PROVINCE', p.kind, null, kept.has(p.code) ? UNIT_RECORDS_FLOOR : REFORM_DATE, null),
    );
  }
  for (const row of data.before) {
    if (before.has(row.provinceCode)) continue;
    const kind: UnitKind = row.provinceName.startsWith('Thành phố') ? 'CITY' : 'PROVINCE';
    before.set(
      row.provinceCode,
      kept.has(row.provinceCode)
        ? (after.get(row.provinceCode) as AdministrativeUnitRecord)
        : version(row.provinceCode, row.provinceName, null, 'PROVINCE', kind, null, UNIT_RECORDS_FLOOR, OLD_TIER_ENDS),
    );
  }
  return { after, before };
}

function institutionVersions(
  row: InstitutionRow,
  provinces: { after: Map<string, AdministrativeUnitRecord>; before: Map<string, AdministrativeUnitRecord> },
  kept: Set<string>,
): AdministrativeUnitRecord[] {
  const kind = row.level as UnitKind;
  const pre = row.provinceBefore ? provinces.before.get(row.provinceBefore) : undefined;
  const post = row.provinceAfter ? provinces.after.get(row.provinceAfter) : undefined;
  if ((row.provinceBefore && !pre) || (row.provinceAfter && !post)) throw new Error(`Institution ${row.code}: unknown province`);
  if (pre && pre.path === post?.path && kept.has(pre.code)) {
    return [version(row.code, row.name, null, row.level, kind, pre, row.validFrom, row.validTo)];
  }
  const out: AdministrativeUnitRecord[] = [];
  if (pre && row.validFrom <= OLD_TIER_ENDS) {
    out.push(
      version(
        row.code,
        row.name,
        null,
        row.level,
        kind,
        pre,
        row.validFrom,
        row.validTo !== null && row.validTo < OLD_TIER_ENDS ? row.validTo : OLD_TIER_ENDS,
      ),
    );
  }
  if (post && (row.validTo === null || row.validTo >= REFORM_DATE)) {
    out.push(
      version(
        row.code,
        row.name,
        null,
        row.level,
        kind,
        post,
        row.validFrom > REFORM_DATE ? row.validFrom : REFORM_DATE,
        row.validTo,
      ),
    );
  }
  return out;
}

/** Every unit version: provinces, districts and communes before the reform, provinces and communes after, institutions. */
export function buildUnitRecords(data: UnitSourceData): AdministrativeUnitRecord[] {
  const kept = unchangedProvinces(data);
  const provinces = provincesOf(data, kept);
  const units: AdministrativeUnitRecord[] = [];
  const seenProvince = new Set<AdministrativeUnitRecord>();
  const addProvince = (p: AdministrativeUnitRecord) => {
    if (!seenProvince.has(p)) {
      seenProvince.add(p);
      units.push(p);
    }
  };
  const districts = new Map<string, AdministrativeUnitRecord>();
  for (const row of data.before) {
    const province = provinces.before.get(row.provinceCode) as AdministrativeUnitRecord;
    addProvince(province);
    let district = districts.get(row.districtCode);
    if (!district) {
      district = version(
        row.districtCode,
        row.districtName,
        null,
        'DISTRICT',
        kindByPrefix(row.districtName, DISTRICT_KINDS, 'RURAL_DISTRICT'),
        province,
        UNIT_RECORDS_FLOOR,
        OLD_TIER_ENDS,
      );
      districts.set(row.districtCode, district);
      units.push(district);
    }
    if (row.communeCode) {
      units.push(
        version(
          row.communeCode,
          row.communeName,
          null,
          'COMMUNE',
          kindByPrefix(row.communeName, COMMUNE_KINDS, 'COMMUNE'),
          district,
          UNIT_RECORDS_FLOOR,
          OLD_TIER_ENDS,
        ),
      );
    }
  }
  for (const p of data.provinces) addProvince(provinces.after.get(p.code) as AdministrativeUnitRecord);
  for (const c of data.communes) {
    const province = provinces.after.get(c.provinceCode);
    if (!province) throw new Error(`Commune ${c.code}: unknown province ${c.provinceCode}`);
    units.push(version(c.code, c.name, c.nameEn, 'COMMUNE', c.kind, province, REFORM_DATE, null));
  }
  for (const row of data.institutions) units.push(...institutionVersions(row, provinces, kept));
  return units;
}
