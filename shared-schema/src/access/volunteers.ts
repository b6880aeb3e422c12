import type { FieldRule } from './matrix';

export const VOLUNTEERS_RULES: Record<string, FieldRule> = {};
