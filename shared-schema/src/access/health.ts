import type { FieldRule } from './matrix';

export const HEALTH_RULES: Record<string, FieldRule> = {};
