/** A plan is set on the units of its year's first day (a 2025 plan on the districts, a 2026 plan on the new communes). */
export function planDate(year: number): string {
  return `${String(year).padStart(4, '0')}-01-01`;
}
