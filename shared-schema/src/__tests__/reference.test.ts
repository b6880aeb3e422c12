import {
  OLD_TIER_ENDS,
  REFORM_DATE,
  UNITS_DATA_DIR,
  generateDemoPopulation,
  hanoi2022Targets,
  identificationProblems,
  isWithin,
  loadUnitDirectory,
  makeIdentificationNumber,
  mayActAt,
  responsibleFor,
  ruleAt,
  unitAt,
  units,
  unitsOfLevel,
  foldVietnamese,
  type AdministrativeUnitRecord,
} from '..';

describe('administrative units before and after the 1 July 2025 reform', () => {
  const tree = units();

  it('holds 34 provinces and 3,321 communes today, 63 provinces, 696 districts and 10,035 communes on 30 June 2025', () => {
    expect(unitsOfLevel('PROVINCE')).toHaveLength(34);
    expect(unitsOfLevel('COMMUNE')).toHaveLength(3321);
    expect(unitsOfLevel('DISTRICT')).toHaveLength(0);
    expect(unitsOfLevel('PROVINCE', '2025-06-30')).toHaveLength(63);
    expect(unitsOfLevel('DISTRICT', '2025-06-30')).toHaveLength(696);
    expect(unitsOfLevel('COMMUNE', '2025-06-30')).toHaveLength(10035);
    expect(tree.childrenOf('01', undefined, ['COMMUNE'])).toHaveLength(126);
    expect(tree.childrenOf('01', '2025-06-30', ['DISTRICT'])).toHaveLength(30);
  });

  it('reads a reused code by date: 00004 is Phường Ba Đình today and Phường Trúc Bạch of Quận Ba Đình before', () => {
    expect(unitAt('00004')).toMatchObject({
      name: 'Phường Ba Đình',
      parentCode: '01',
      path: '01.00004',
      validFrom: REFORM_DATE,
      validTo: null,
    });
    expect(unitAt('00004', '2025-01-01')).toMatchObject({
      name: 'Phường Trúc Bạch',
      parentCode: '001',
      path: '01.001.00004',
      validTo: OLD_TIER_ENDS,
    });
    expect(unitAt('005', '2025-06-30')?.name).toBe('Quận Cầu Giấy');
    expect(unitAt('005', REFORM_DATE)).toBeUndefined();
    // Code 15 was Yên Bái; from 1 July 2025 it is Lào Cai (old Lào Cai 10 + Yên Bái 15).
    expect(unitAt('15', '2025-06-30')?.name).toBe('Tỉnh Yên Bái');
    expect(unitAt('15')?.name).toBe('Tỉnh Lào Cai');
    expect(unitAt('10')).toBeUndefined();
  });

  it('keeps every version under a parent valid when it begins, with the path through it', () => {
    for (const unit of tree.units) {
      if (unit.parentCode === null) continue;
      const parent = tree.at(unit.parentCode, unit.validFrom);
      expect([unit.code, parent?.path]).toEqual([unit.code, unit.path.slice(0, unit.path.lastIndexOf('.'))]);
    }
    expect(isWithin('01.001.00004', '01.001')).toBe(true);
    expect(isWithin('01.0010', '01.001')).toBe(false);
  });

  it("links Hà Nội's new communes to their predecessors from the resolved map: whole only when not split", () => {
    const badinh = unitAt('00004') as AdministrativeUnitRecord;
    const links = tree.predecessors(badinh);
    expect(links.find((l) => l.predecessor.name === 'Phường Trúc Bạch')).toMatchObject({ whole: true, method: 'HANOI_MAP' });
    // Kim Mã went into Ba Đình, Ngọc Hà and Giảng Võ: a part of it in each.
    const kimMa = links.find((l) => l.predecessor.name === 'Phường Kim Mã');
    expect(kimMa?.whole).toBe(false);
    expect(
      tree
        .successors(kimMa?.predecessor as AdministrativeUnitRecord)
        .map((l) => l.successor.name)
        .sort(),
    ).toEqual(['Phường Ba Đình', 'Phường Giảng Võ', 'Phường Ngọc Hà']);
    const oldHanoi = unitsOfLevel('COMMUNE', OLD_TIER_ENDS).filter((u) => u.path.startsWith('01.'));
    expect(oldHanoi).toHaveLength(526);
    expect(oldHanoi.filter((u) => tree.isSplit(u.path))).toHaveLength(199);
    expect(oldHanoi.every((u) => tree.successors(u).length >= 1)).toBe(true);
  });

  it("resolves other provinces' published predecessor lists where they resolve, and lists what does not", () => {
    const resolved = tree.lineage.filter((l) => l.method === 'PUBLISHED_TEXT' || l.method === 'KEPT');
    expect(resolved.length).toBeGreaterThan(9000);
    expect(tree.unresolved.length).toBeGreaterThan(0);
    expect(tree.unresolved.length).toBeLessThan(200);
    // Lào Cai ward "Phường Lào Cai" took in old Lào Cai's Duyên Hải, Cốc Lếu, Kim Tân, Lào Cai, Vạn Hoà and Bản Phiệt.
    const ward = unitAt('02647') as AdministrativeUnitRecord;
    expect(
      tree
        .predecessors(ward)
        .map((l) => l.predecessor.name)
        .sort(),
    ).toEqual(['Phường Cốc Lếu', 'Phường Duyên Hải', 'Phường Kim Tân', 'Phường Lào Cai', 'Xã Bản Phiệt', 'Xã Vạn Hoà'].sort());
    for (const u of tree.unresolved) expect(unitAt(u.successorCode)).toBeDefined();
  });

  it('gives a new unit the records of what came in whole: a ward its whole old wards, a merged province its old provinces', () => {
    expect(tree.scopeRoots('01.00004')).toEqual(expect.arrayContaining(['01.00004', '01.001.00004']));
    expect(tree.scopeRoots('01.00004')).not.toContain('01.001.00028');
    expect(tree.scopeRoots('15')).toEqual(['10', '15']);
    expect(tree.scopeRoots('01')).toEqual(['01']);
    expect(tree.provinceToday('10.080.02647')?.name).toBe('Tỉnh Lào Cai');
  });

  it('applies a later decree as a data patch: a renamed unit, a new one and its lineage', () => {
    const patched = loadUnitDirectory(UNITS_DATA_DIR, [
      {
        name: '0001-test',
        source: 'Nghị quyết thử',
        changes: [
          { op: 'end', unit: { code: '00004', validFrom: REFORM_DATE }, validTo: '2027-12-31' },
          {
            op: 'add',
            unit: {
              code: '00004',
              name: 'Phường Ba Đình Mới',
              level: 'COMMUNE',
              kind: 'WARD',
              parentCode: '01',
              validFrom: '2028-01-01',
            },
          },
          {
            op: 'link',
            successor: { code: '00004', validFrom: '2028-01-01' },
            predecessor: { code: '00004', validFrom: REFORM_DATE },
            whole: true,
          },
        ],
      },
    ]);
    expect(patched.at('00004', '2027-06-01')?.name).toBe('Phường Ba Đình');
    expect(patched.at('00004', '2028-06-01')).toMatchObject({ name: 'Phường Ba Đình Mới', path: '01.00004' });
    expect(patched.predecessors(patched.at('00004', '2028-06-01') as AdministrativeUnitRecord)[0]).toMatchObject({
      whole: true,
      method: 'PATCH',
    });
    expect(units().at('00004', '2028-06-01')?.name).toBe('Phường Ba Đình');
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

  it("gives cases begun before 2022 the older law's terms, and Law 120/2025 its rows from 1 July 2026", () => {
    expect(ruleAt('COMPULSORY_ADULT_MIN', '2021-06-01')).toMatchObject({
      value: 12,
      legalBasis: expect.stringContaining('2008'),
    });
    expect(ruleAt('COMPULSORY_MINOR_MAX', '2021-06-01')?.value).toBe(24);
    expect(ruleAt('COMPULSORY_MINOR_MAX', '2022-01-01')?.value).toBe(12);
    expect(ruleAt('COMPULSORY_ADULT_MIN', '2008-12-31')).toBeUndefined();
    expect([ruleAt('VOLUNTARY_REHAB_MIN', '2026-06-30')?.value, ruleAt('VOLUNTARY_REHAB_MAX', '2026-06-30')?.value]).toEqual([
      6, 12,
    ]);
    expect([ruleAt('VOLUNTARY_REHAB_MIN', '2026-07-01')?.value, ruleAt('VOLUNTARY_REHAB_REPEAT', '2026-07-01')?.value]).toEqual([
      24, 36,
    ]);
    expect(ruleAt('MOVE_PRESENTATION_DEADLINE', '2026-07-01')).toMatchObject({ value: 24, unit: 'HOURS' });
    for (const code of [
      'SUBSTANCE_DECLARATION',
      'SUMMONS_APPEARANCE',
      'ELECTRONIC_MONITORING',
      'MINOR_COMPULSORY_PLACEMENT',
    ] as const) {
      expect(ruleAt(code, '2026-06-30')).toBeUndefined();
      expect(ruleAt(code, '2026-07-01')).toMatchObject({
        kind: 'OBLIGATION',
        value: null,
        legalBasis: expect.stringContaining('120/2025'),
      });
    }
  });
});

describe('who acts at each step, by date', () => {
  const commune = { role: 'commune_official', unitLevel: 'COMMUNE' } as const;
  const communePolice = { role: 'police_officer', unitLevel: 'COMMUNE' } as const;
  const districtLabour = { role: 'labour_officer', unitLevel: 'DISTRICT' } as const;

  it('moves the compulsory dossier from the commune chair to the head of commune police on 1 March 2025, and ends the district review', () => {
    expect(mayActAt('DOSSIER_SUBMISSION', '2025-02-28', commune)).toBe(true);
    expect(mayActAt('DOSSIER_SUBMISSION', '2025-02-28', communePolice)).toBe(false);
    expect(mayActAt('DOSSIER_SUBMISSION', '2025-03-01', commune)).toBe(false);
    expect(mayActAt('DOSSIER_SUBMISSION', '2025-03-01', communePolice)).toBe(true);
    expect(mayActAt('DOSSIER_REVIEW', '2025-02-28', districtLabour)).toBe(true);
    expect(responsibleFor('DOSSIER_REVIEW', '2025-03-01')).toEqual([]);
  });

  it('moves facilities to the provincial police on 1 March 2025 and decisions to regional courts on 1 July 2025', () => {
    expect(responsibleFor('FACILITY_OPERATION', '2025-02-28').map((r) => r.agency)).toEqual(['labor-welfare']);
    expect(responsibleFor('FACILITY_OPERATION', '2025-03-01').map((r) => r.agency)).toEqual(['police']);
    expect(mayActAt('COURT_DECISION', '2025-06-30', { role: 'court_clerk', unitLevel: 'DISTRICT' })).toBe(true);
    expect(mayActAt('COURT_DECISION', '2025-07-01', { role: 'court_clerk', unitLevel: 'DISTRICT' })).toBe(false);
    expect(mayActAt('COURT_DECISION', '2025-07-01', { role: 'court_clerk', unitLevel: 'COURT' })).toBe(true);
    expect(mayActAt('COMMUNITY_REHAB_PROVIDERS', '2025-06-30', districtLabour)).toBe(true);
    expect(mayActAt('COMMUNITY_REHAB_PROVIDERS', '2025-07-01', { role: 'police_officer', unitLevel: 'PROVINCE' })).toBe(true);
    expect(mayActAt('FACILITY_LICENSING', '2025-02-28', { role: 'labour_officer', unitLevel: 'PROVINCE' })).toBe(true);
    expect(mayActAt('FACILITY_LICENSING', '2025-03-01', { role: 'labour_officer', unitLevel: 'PROVINCE' })).toBe(false);
    expect(mayActAt('FACILITY_LICENSING', '2025-03-01', { role: 'police_officer', unitLevel: 'PROVINCE' })).toBe(true);
    expect(mayActAt('FACILITY_LICENSING', '2025-03-01', communePolice)).toBe(false);
    expect(responsibleFor('ELECTRONIC_MONITORING_ORDER', '2026-06-30')).toEqual([]);
    expect(mayActAt('ELECTRONIC_MONITORING_ORDER', '2026-07-01', communePolice)).toBe(true);
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
    expect([...stages].sort()).toEqual([
      'COMPULSORY_IN_FACILITY',
      'MANAGED',
      'NOT_ADDICTED',
      'POST_REHAB',
      'POST_REHAB_COMPLETED',
      'RELAPSED',
      'SUBSTITUTION',
      'VOLUNTARY_COMMUNITY',
      'VOLUNTARY_FACILITY',
    ]);
  });

  it('has unique, valid identification numbers and units that exist', () => {
    expect(new Set(population.map((p) => p.identificationNumber)).size).toBe(population.length);
    for (const p of population) {
      expect(identificationProblems(p.identificationNumber, p.dateOfBirth, p.sex)).toEqual([]);
      expect(units().byUnitPath(p.currentResidence.unitPath)?.level).toBe('COMMUNE');
      expect(unitAt(p.home.unitCode)?.path).toBe(p.home.unitPath);
    }
  });

  it('lives in every ward and commune of Hà Nội today and in Lào Cai, recorded in the old communes before the reform', () => {
    const big = generateDemoPopulation({ persons: 3000 });
    const hanoiHomes = new Set(big.filter((p) => p.home.unitPath.startsWith('01.')).map((p) => p.home.unitCode));
    expect(hanoiHomes.size).toBe(126);
    expect(big.filter((p) => p.home.unitPath.startsWith('15.')).length).toBeGreaterThan(200);
    for (const p of big) {
      expect(
        units()
          .predecessors(unitAt(p.home.unitCode) as AdministrativeUnitRecord)
          .some((l) => l.predecessor.path === p.formerUnit.unitPath),
      ).toBe(true);
      if (p.detectedOn >= REFORM_DATE) expect(p.currentResidence.unitPath).toBe(p.home.unitPath);
      if (p.unitAssignment) expect(units().isSplit(p.unitAssignment.fromPath)).toBe(true);
    }
    const waiting = big.filter((p) => units().isSplit(p.currentResidence.unitPath));
    expect(waiting.length).toBeGreaterThan(0);
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
      COMPULSORY_DOSSIERS: 950,
      POST_REHAB_MANAGEMENT: 900,
      REINTEGRATION_SUPPORT: 300,
      POST_REHAB_MODELS_MAINTAINED: 87,
      POST_REHAB_MODELS_NEW: 172,
      POST_REHAB_MODELS_TOTAL: 259,
      FACILITY_ADMISSIONS: 950,
      VOLUNTARY_MOBILISED: 2100,
      FACILITY_VOCATIONAL_TRAINING: 500,
    });
  });
});
