import type { GraphQLFormattedError } from 'graphql';
import { translate, type Locale } from './i18n';

export type ResponsePath = readonly (string | number)[];
export type GraphQLErrors = readonly GraphQLFormattedError[];

/** How a field of the response can be shown. */
export type FieldAccess = 'ok' | 'forbidden' | 'unavailable';

export function errorCode(error: GraphQLFormattedError): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isForbidden(error: GraphQLFormattedError): boolean {
  return errorCode(error) === 'FORBIDDEN';
}

/** `extensions.i18n[locale]` when the server sent it. */
export function translatedMessage(error: GraphQLFormattedError, locale: Locale): string | undefined {
  const i18n = error.extensions?.i18n;
  if (typeof i18n === 'object' && i18n !== null) {
    const text: unknown = Reflect.get(i18n, locale);
    if (typeof text === 'string' && text.length > 0) return text;
  }
  return undefined;
}

/** `extensions.i18n[locale]` when the server sent it, else the plain message. */
export function localizedMessage(error: GraphQLFormattedError, locale: Locale): string {
  return translatedMessage(error, locale) ?? error.message;
}

/** Distinct translated messages only (untranslated server text is left out), in order. */
export function translatedMessages(errors: GraphQLErrors, locale: Locale): string[] {
  return [...new Set(errors.map((e) => translatedMessage(e, locale)).filter((m): m is string => m !== undefined))];
}

/** Distinct localized messages, in order. */
export function localizedMessages(errors: GraphQLErrors, locale: Locale): string[] {
  return [...new Set(errors.map((e) => localizedMessage(e, locale)))];
}

/** Failures an officer cannot correct: their notices show the request id, so the officer can report it. */
const UNEXPECTED = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'AUDIT_UNAVAILABLE']);

/** The request id (`extensions.requestId`) of the first unexpected error, if the server sent one. */
export function unexpectedRequestId(errors: GraphQLErrors): string | undefined {
  for (const error of errors) {
    const id = error.extensions?.requestId;
    if (UNEXPECTED.has(errorCode(error) ?? '') && typeof id === 'string' && id.length > 0) return id;
  }
  return undefined;
}

/** "Mã yêu cầu: …" / "Request id: …" for a notice of unexpected errors; nothing otherwise. */
export function requestIdLines(errors: GraphQLErrors, locale: Locale): string[] {
  const id = unexpectedRequestId(errors);
  return id ? [translate(locale, 'state.requestId', { id })] : [];
}

/** The lines of an error notice: distinct localized messages, then the request id of an unexpected error. */
export function noticeMessages(errors: GraphQLErrors, locale: Locale): string[] {
  return [...localizedMessages(errors, locale), ...requestIdLines(errors, locale)];
}

function startsWith(path: ResponsePath | undefined, prefix: ResponsePath): boolean {
  if (!path || path.length < prefix.length) return false;
  return prefix.every((segment, i) => path[i] === segment);
}

/** Errors whose path is `prefix` or goes below it. */
export function errorsWithin(errors: GraphQLErrors, prefix: ResponsePath): GraphQLFormattedError[] {
  return errors.filter((e) => startsWith(e.path, prefix));
}

/** Errors without a path, or at one of the given paths exactly (e.g. the root field). */
export function errorsAt(errors: GraphQLErrors, paths: readonly ResponsePath[]): GraphQLFormattedError[] {
  return errors.filter((e) => !e.path || paths.some((p) => e.path?.length === p.length && startsWith(e.path, p)));
}

/**
 * Whether the field at `path` (whose value is `value`) can be shown:
 * an error at the field itself decides; otherwise a null value with errors below it
 * (null bubbled up from a non-null child) is forbidden when all of them are FORBIDDEN.
 */
export function fieldAccess(errors: GraphQLErrors, path: ResponsePath, value: unknown): FieldAccess {
  const within = errorsWithin(errors, path);
  if (within.length === 0) return 'ok';
  const exact = within.filter((e) => e.path?.length === path.length);
  const deciding = exact.length > 0 ? exact : value === null || value === undefined ? within : [];
  if (deciding.length === 0) return 'ok';
  return deciding.every(isForbidden) ? 'forbidden' : 'unavailable';
}

/** Non-FORBIDDEN errors inside any of the given fields: these make an agency's data unavailable. */
export function unavailableErrors(
  errors: GraphQLErrors,
  parent: ResponsePath,
  fields: readonly string[],
): GraphQLFormattedError[] {
  return fields.flatMap((field) => errorsWithin(errors, [...parent, field])).filter((e) => !isForbidden(e));
}
