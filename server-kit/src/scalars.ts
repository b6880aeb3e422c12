import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { domainError } from './errors';
import { isValidIdentificationFormat } from '@rehab/shared-schema';

function stringScalar(
  name: string,
  description: string,
  check: (v: string) => boolean,
  message: { vi: string; en: string },
): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !check(value)) throw domainError('BAD_USER_INPUT', message);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw domainError('BAD_USER_INPUT', message);
      return parse(ast.value);
    },
  });
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const DateScalar = stringScalar('Date', 'YYYY-MM-DD', isIsoDate, {
  vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
  en: 'Invalid date (format YYYY-MM-DD)',
});

export const DateTimeScalar = stringScalar('DateTime', 'ISO 8601 instant', (v) => !Number.isNaN(Date.parse(v)), {
  vi: 'Thời điểm không hợp lệ (ISO 8601)',
  en: 'Invalid date-time (ISO 8601)',
});

export const IdentificationNumberScalar = stringScalar(
  'IdentificationNumber',
  '12-digit personal identification number',
  isValidIdentificationFormat,
  { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số', en: 'The identification number must be exactly 12 digits' },
);

export const scalarResolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  IdentificationNumber: IdentificationNumberScalar,
};
