import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMINISTRATIVE_UNITS, DATA_DIR, DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE, REPO_ROOT, hanoi2022Targets,
  identificationProblems, isWithin, makeIdentificationNumber, ruleAt, unitByCode, unitsOfLevel, foldVietnamese,
  generateDemoPopulation,
} from '..';

describe('administrative units', () => {
  it('holds Hà Nội, its 30 districts, their communes, 7 facilities and the clinics as one tree', () => {
    expect(unitsOfLevel('PROVINCE').map((u) => u.name)).toEqual(['Thành phố Hà Nội']);
    expect(unitsOfLevel('DISTRICT')).toHaveLength(30);
    expect(unitsOfLevel('FACILITY')).toHaveLength(7);
    for (const unit of ADMINISTRATIVE_UNITS) {
      if (unit.parentCode === null) continue;
      const parent = unitByCode(unit.parentCode);
      expect(parent).toBeDefined();
      expect(unit.path).toBe(`${parent?.path}.${unit.code}`);
      expect(isWithin(unit.path, '01')).toBe(true);
    }
  });

  it('records that the district tier ended on 30 June 2025', () => {
    expect(unitByCode('005')).toMatchObject({ name: 'Quận Cầu Giấy', validTo: '2025-06-30' });
    expect(unitByCode('00501')?.validTo).toBeNull();
  });

  it('tells a subtree from a sibling with a common prefix', () => {
    expect(isWithin('01.001.00101', '01.001')).toBe(true);
    expect(isWithin('01.0010', '01.001')).toBe(false);
  });
});

describe('legal rules', () => {
  it('judges a case by the law in force when it started', () => {
    expect(ruleAt('COMPULSORY_ADULT_MAX', '2026-06-30')?.value).toBe(24);
    expect(ruleAt('COMPULSORY_ADULT_MIN', '2026-06-30')?.value).toBe(12);
    expect(ruleAt('COMPULSORY_ADULT_MIN', '2026-07-01')?.value).toBe(24);
    expect(ruleAt('COMPULSORY_ADULT_REPEAT', '2026-06-30')).toBeUndefined();
    expect(ruleAt('COMPULSORY_ADULT_REPEAT', '2026-07-01')?.value).toBe(36);
    expect(ruleAt('RESIDENCE_CHANGE_NOTICE', '2026-07-01')).toMatchObject({ value: 24, unit: 'HOURS' });
  });
});

describe('identification numbers', () => {
  it('checks province, century/sex and birth-year digits against the person', () => {
    const number = makeIdentificationNumber('001', '1990-05-01', 'MALE', 42);
    expect(number).toBe('001090000042');
    expect(identificationProblems(number, '1990-05-01', 'MALE')).toEqual([]);
    expect(identificationProblems(number, '1990-05-01', 'FEMALE')).toEqual(['CENTURY_SEX']);
    expect(identificationProblems(number, '1991-05-01', 'MALE')).toEqual(['BIRTH_YEAR']);
    expect(identificationProblems('003090000042', '1990-05-01', 'MALE')).toEqual(['PROVINCE']);
    expect(identificationProblems('12345', '1990-05-01', 'MALE')).toEqual(['FORMAT']);
    expect(makeIdentificationNumber('079', '2004-01-01', 'FEMALE', 7).slice(3, 6)).toBe('304');
  });
});

describe('search folding', () => {
  it('ignores Vietnamese diacritics, đ and case', () => {
    expect(foldVietnamese('  Đặng  Thị HƯƠNG ')).toBe('dang thi huong');
    expect(foldVietnamese('Nguyễn Văn Hùng')).toBe(foldVietnamese('nguyen van hung'));
  });
});

describe('demo population', () => {
  const population = generateDemoPopulation({ persons: 2000 });

  it('is deterministic and spread over every stage of the path', () => {
    expect(generateDemoPopulation({ persons: 50 })).toEqual(population.slice(0, 50));
    const stages = new Set(population.map((p) => p.stage));
    expect([...stages].sort()).toEqual(['COMPULSORY_IN_FACILITY', 'MANAGED', 'NOT_ADDICTED', 'POST_REHAB', 'POST_REHAB_COMPLETED',
      'RELAPSED', 'SUBSTITUTION', 'VOLUNTARY_COMMUNITY', 'VOLUNTARY_FACILITY']);
  });

  it('has unique, valid identification numbers and units that exist', () => {
    expect(new Set(population.map((p) => p.identificationNumber)).size).toBe(population.length);
    for (const p of population) {
      expect(identificationProblems(p.identificationNumber, p.dateOfBirth, p.sex)).toEqual([]);
      expect(unitByCode(p.currentResidence.unitCode)?.level).toBe('COMMUNE');
    }
  });

  it('keeps each path in order: detection, determination, admission, end, post-rehab decision', () => {
    for (const p of population) {
      if (p.determination) expect(p.detectedOn < p.determination.examinedOn).toBe(true);
      if (p.rehab && p.determination) expect(p.determination.examinedOn < p.rehab.admittedOn).toBe(true);
      if (p.rehab) expect(p.rehab.admittedOn < p.rehab.plannedEndOn).toBe(true);
      if (p.postRehab && p.rehab?.endedOn) expect(p.rehab.endedOn < p.postRehab.decisionOn).toBe(true);
      if (p.substitution) expect(p.determination?.substanceClasses).toContain('OPIOIDS');
    }
  });
});

describe('Hà Nội 2022 plan targets', () => {
  it('reproduce the published column totals', () => {
    const totals: Record<string, number> = {};
    for (const row of hanoi2022Targets()) totals[row.indicator] = (totals[row.indicator] ?? 0) + row.value;
    expect(totals).toEqual({
      COMPULSORY_DOSSIERS: 950, POST_REHAB_MANAGEMENT: 900, REINTEGRATION_SUPPORT: 300,
      POST_REHAB_MODELS_MAINTAINED: 87, POST_REHAB_MODELS_NEW: 172, POST_REHAB_MODELS_TOTAL: 259,
      FACILITY_ADMISSIONS: 950, VOLUNTARY_MOBILISED: 2100, FACILITY_VOCATIONAL_TRAINING: 500,
    });
  });

  const shared = join(REPO_ROOT, '..', 'shared', 'data');
  it('ship an exact copy of ../shared/data', () => {
    if (!existsSync(shared)) return; // a clone without the shared folder uses its own copy
    for (const file of [DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE]) {
      expect(readFileSync(join(DATA_DIR, file), 'utf8')).toBe(readFileSync(join(shared, file), 'utf8'));
    }
  });
});
