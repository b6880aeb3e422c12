/**
 * Every indicator says what it counts: its numerator, its denominator when it is a share, and
 * its period rule (which date puts a record in the period), in Vietnamese and in English.
 */
import { INDICATORS, indicatorByCode } from '../indicators';

describe('the indicator catalogue', () => {
  it.each(INDICATORS.map((i) => [i.code, i] as const))('%s states its numerator, denominator and period rule', (_code, i) => {
    expect(i.definition.vi).toMatch(/Tử số: \S/);
    expect(i.definition.en).toMatch(/Numerator: \S/);
    expect(i.definition.vi).toMatch(/Kỳ: \S/);
    expect(i.definition.en).toMatch(/Period: \S/);
    if (i.measure === 'SHARE') {
      expect(i.definition.vi).toMatch(/Mẫu số: \S/);
      expect(i.definition.en).toMatch(/Denominator: \S/);
    } else {
      expect(i.definition.vi).not.toMatch(/Mẫu số:/);
      expect(i.definition.en).not.toMatch(/Denominator:/);
    }
  });

  it('has one entry per code', () => {
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(INDICATORS.length);
  });

  it('gives the person-time twins beside their distinct-person indicators', () => {
    for (const [persons, times] of [
      ['FACILITY_ADMISSIONS', 'FACILITY_ADMISSIONS_PERSON_TIMES'],
      ['VOLUNTARY_MOBILISED', 'VOLUNTARY_MOBILISED_PERSON_TIMES'],
      ['METHADONE_NEW', 'METHADONE_NEW_PERSON_TIMES'],
    ] as const) {
      expect(indicatorByCode(persons)?.definition.vi).toMatch(/mỗi người một lần/);
      expect(indicatorByCode(times)?.definition.vi).toMatch(/lượt người/);
      expect(indicatorByCode(times)?.definition.en).toMatch(/person-times/);
    }
  });
});
