import { DEFAULT_BACKOFF, failuresAfter, restartDelay } from '../supervisor';

describe('restart backoff', () => {
  it('doubles from 0.5 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => restartDelay(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('counts failures in a row, and a run of a minute or more starts the count again', () => {
    expect(failuresAfter(0, 100)).toBe(1);
    expect(failuresAfter(4, 59_999)).toBe(5);
    expect(failuresAfter(4, DEFAULT_BACKOFF.resetAfterMs)).toBe(1);
    expect(restartDelay(failuresAfter(6, 5 * 60_000))).toBe(500);
  });
});
