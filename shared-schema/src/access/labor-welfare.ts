import type { FieldRule } from './matrix';

export const LABOR_WELFARE_RULES: Record<string, FieldRule> = {};
