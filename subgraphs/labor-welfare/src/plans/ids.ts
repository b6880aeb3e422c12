import { createHash } from 'node:crypto';

export function md5Uuid(key: string): string {
  const hex = createHash('md5').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** md5('plan:<province>:<year>') as a UUID: the plan of a year the seeder and the plan migration make. */
export const yearPlanId = (provinceCode: string, year: number): string => md5Uuid(`plan:${provinceCode}:${year}`);

/** The demo plan of a year (illustrative targets): md5('plan:<province>:<year>:demo'). */
export const demoPlanId = (provinceCode: string, year: number): string => md5Uuid(`plan:${provinceCode}:${year}:demo`);
