import { PERIOD_KINDS, periodOf, periodProblem, type PeriodInput } from '../indicators/period';
import { decodeIndicatorValueId, encodeIndicatorValueId } from '../indicators/value-id';
import { indicatorByCode } from '../indicators/catalogue';
import { unitAt } from '../reference/units';

describe('half-year periods', () => {
  it('are the first six and the last six months of the year, each day once', () => {
    const first = periodOf({ kind: 'HALF_YEAR', year: 2026, number: 1 });
    const second = periodOf({ kind: 'HALF_YEAR', year: 2026, number: 2 });
    expect([first.from, first.to]).toEqual(['2026-01-01', '2026-06-30']);
    expect([second.from, second.to]).toEqual(['2026-07-01', '2026-12-31']);
    // A half is its two quarters, end to end.
    const q = (n: number) => periodOf({ kind: 'QUARTER', year: 2026, number: n });
    expect([first.from, first.to]).toEqual([q(1).from, q(2).to]);
    expect([second.from, second.to]).toEqual([q(3).from, q(4).to]);
    // The reform's date (1 July 2025) is where the second half of 2025 starts.
    expect(periodOf({ kind: 'HALF_YEAR', year: 2025, number: 2 }).from).toBe('2025-07-01');
    expect(periodOf({ kind: 'HALF_YEAR', year: 2025, number: 1 }).to).toBe('2025-06-30');
  });

  it('are labelled in Vietnamese and English', () => {
    expect(periodOf({ kind: 'HALF_YEAR', year: 2026, number: 1 }).label).toEqual({
      vi: '6 tháng đầu năm 2026',
      en: 'First half of 2026',
    });
    expect(periodOf({ kind: 'HALF_YEAR', year: 2026, number: 2 }).label).toEqual({
      vi: '6 tháng cuối năm 2026',
      en: 'Second half of 2026',
    });
    expect(periodOf({ kind: 'QUARTER', year: 2026, number: 2 }).label).toEqual({ vi: 'Quý 2/2026', en: 'Q2 2026' });
    expect(periodOf({ kind: 'MONTH', year: 2026, number: 10 }).label).toEqual({ vi: 'Tháng 10/2026', en: 'October 2026' });
    expect(periodOf({ kind: 'YEAR', year: 2026 }).label).toEqual({ vi: 'Năm 2026', en: 'Year 2026' });
  });

  it.each<[string, PeriodInput]>([
    ['no number', { kind: 'HALF_YEAR', year: 2026 }],
    ['null', { kind: 'HALF_YEAR', year: 2026, number: null }],
    ['0', { kind: 'HALF_YEAR', year: 2026, number: 0 }],
    ['3', { kind: 'HALF_YEAR', year: 2026, number: 3 }],
    ['-1', { kind: 'HALF_YEAR', year: 2026, number: -1 }],
    ['1.5', { kind: 'HALF_YEAR', year: 2026, number: 1.5 }],
  ])('refuses half %s with a bilingual message', (_name, input) => {
    expect(periodProblem(input)).toEqual({
      vi: 'Kỳ 6 tháng phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm)',
      en: 'A HALF_YEAR period is number 1 (first half) or 2 (second half)',
    });
  });

  it('accepts halves 1 and 2 and refuses a year out of range, as for the other kinds', () => {
    expect(periodProblem({ kind: 'HALF_YEAR', year: 2026, number: 1 })).toBeNull();
    expect(periodProblem({ kind: 'HALF_YEAR', year: 2026, number: 2 })).toBeNull();
    expect(periodProblem({ kind: 'HALF_YEAR', year: 1999, number: 1 })?.vi).toBe('Năm của kỳ báo cáo phải từ 2000 đến 2100');
    expect(periodProblem({ kind: 'QUARTER', year: 2026, number: 5 })?.en).toBe('The period number must be between 1 and 4');
    expect(periodProblem({ kind: 'WEEK' as PeriodInput['kind'], year: 2026, number: 1 })).toEqual({
      vi: 'Loại kỳ báo cáo không hợp lệ',
      en: 'Unknown period kind',
    });
    expect(PERIOD_KINDS).toEqual(['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR']);
  });

  it('round-trips through an indicator value id, which other subgraphs decode to measure', () => {
    const indicator = indicatorByCode('COMPULSORY_DOSSIERS');
    const unit = unitAt('01', '2026-06-30');
    if (!indicator || !unit) throw new Error('reference data missing');
    const period = periodOf({ kind: 'HALF_YEAR', year: 2026, number: 2 });
    const key = decodeIndicatorValueId(encodeIndicatorValueId({ planId: 'p', indicator, unit, period }));
    expect(key?.period).toEqual(period);
    expect(key?.unit.code).toBe('01');
  });
});
