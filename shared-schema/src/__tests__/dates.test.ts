import { addDays, addMonths, todayInHanoi } from '../dates';

describe("today's date in Hà Nội", () => {
  it('turns at midnight in Hà Nội (17:00 UTC), whichever order the instants come in', () => {
    expect(todayInHanoi(new Date('2026-06-30T16:59:59.999Z'))).toBe('2026-06-30');
    expect(todayInHanoi(new Date('2026-06-30T17:00:00.000Z'))).toBe('2026-07-01');
    expect(todayInHanoi(new Date('2026-06-30T16:00:00.000Z'))).toBe('2026-06-30');
    expect(todayInHanoi(new Date('2026-07-01T16:59:59.999Z'))).toBe('2026-07-01');
    expect(todayInHanoi(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
    expect(todayInHanoi(new Date('2026-07-01T17:00:00.000Z'))).toBe('2026-07-02');
  });

  it('is the calendar date of now when no instant is given', () => {
    const expected = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect([expected, addDays(expected, 1)]).toContain(todayInHanoi());
  });

  it('adds days and months on the calendar', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});
