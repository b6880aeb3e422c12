import { isUuid, unitByCode } from '@rehab/shared-schema';
import type { Bilingual } from '../errors';
import { isIsoDate } from '../scalars';

/** How one payload field is read: the value, or a bilingual reason it is refused. */
export interface FieldSpec<T> {
  read(value: unknown): { ok: true; value: T } | { ok: false; why: Bilingual };
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const no = (vi: string, en: string) => ({ ok: false as const, why: { vi, en } });

export const uuid: FieldSpec<string> = {
  read: (v) => (typeof v === 'string' && isUuid(v) ? ok(v.toLowerCase()) : no('phải là mã UUID', 'must be a UUID')),
};

export const date: FieldSpec<string> = {
  read: (v) => (typeof v === 'string' && isIsoDate(v) ? ok(v) : no('phải là ngày dạng YYYY-MM-DD', 'must be a YYYY-MM-DD date')),
};

export function text(max: number): FieldSpec<string> {
  return {
    read: (v) =>
      typeof v === 'string' && v.trim() !== '' && v.length <= max
        ? ok(v.trim())
        : no(`phải có từ 1 đến ${max} ký tự`, `must have 1 to ${max} characters`),
  };
}

export function oneOf<T extends string>(values: readonly T[]): FieldSpec<T> {
  return {
    read: (v) =>
      typeof v === 'string' && (values as readonly string[]).includes(v)
        ? ok(v as T)
        : no(`phải là một trong ${values.join(', ')}`, `must be one of ${values.join(', ')}`),
  };
}

/** The code of a unit of the given level (in the reference tree of any date). */
export function unitCode(level: 'COMMUNE' | 'FACILITY' | 'CLINIC'): FieldSpec<string> {
  const what = {
    FACILITY: ['một cơ sở cai nghiện', 'a rehab facility'],
    CLINIC: ['một cơ sở điều trị thay thế', 'a substitution-treatment clinic'],
    COMMUNE: ['một xã, phường', 'a commune'],
  }[level];
  return {
    read: (v) =>
      typeof v === 'string' && unitByCode(v)?.level === level
        ? ok(v)
        : no(`phải là mã ${what[0]}`, `must be the code of ${what[1]}`),
  };
}

/** Absent or null reads as null. */
export function optional<T>(spec: FieldSpec<T>): FieldSpec<T | null> {
  return { read: (v) => (v === null || v === undefined ? ok(null) : spec.read(v)) };
}

export type Shape = Readonly<Record<string, FieldSpec<unknown>>>;
export type PayloadOf<S extends Shape> = { [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never };

export const positiveInteger: FieldSpec<number> = {
  read: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 ? ok(v) : no('phải là số nguyên dương', 'must be a positive integer'),
};

/** An ISO 8601 instant. */
export const timestamp: FieldSpec<string> = {
  read: (v) =>
    typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v))
      ? ok(v)
      : no('phải là thời điểm ISO 8601', 'must be an ISO 8601 instant'),
};

/** A JSON object of the given fields, with an optional check across them. */
export function objectOf<S extends Shape>(shape: S, check?: (value: PayloadOf<S>) => Bilingual | null): FieldSpec<PayloadOf<S>> {
  return {
    read: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return no('phải là một đối tượng', 'must be an object');
      const out: Record<string, unknown> = {};
      for (const [key, spec] of Object.entries(shape)) {
        const read = spec.read((v as Record<string, unknown>)[key]);
        if (!read.ok) return no(`${key} ${read.why.vi}`, `${key} ${read.why.en}`);
        out[key] = read.value;
      }
      const value = out as PayloadOf<S>;
      const why = check?.(value);
      return why ? no(why.vi, why.en) : ok(value);
    },
  };
}

/** A list of `min`..`max` items, each read by `spec`. */
export function listOf<T>(spec: FieldSpec<T>, min: number, max: number): FieldSpec<T[]> {
  return {
    read: (v) => {
      if (!Array.isArray(v) || v.length < min || v.length > max)
        return no(`phải là danh sách từ ${min} đến ${max} phần tử`, `must be a list of ${min} to ${max} items`);
      const out: T[] = [];
      for (const [i, item] of v.entries()) {
        const read = spec.read(item);
        if (!read.ok) return no(`phần tử ${i + 1}: ${read.why.vi}`, `item ${i + 1}: ${read.why.en}`);
        out.push(read.value);
      }
      return ok(out);
    },
  };
}
