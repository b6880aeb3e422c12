import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error codes a client may see. Anything else is masked as INTERNAL_SERVER_ERROR. */
export const PUBLIC_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'AUDIT_UNAVAILABLE',
  'SUBGRAPH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'TOO_MANY_REQUESTS',
  'TRUSTED_DOCUMENT_REQUIRED',
] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

export interface Bilingual {
  vi: string;
  en: string;
}

export interface DomainErrorOptions {
  /** Name of the input field at fault, so a form can show the message beside it. */
  field?: string;
  httpStatus?: number;
  /** A record exists outside the caller's scope: the unit whose break-the-glass access would open it. */
  breakGlassUnit?: string;
}

/** A typed error with a Vietnamese message (primary) and its English translation. */
export function domainError(code: PublicErrorCode, text: Bilingual, options: DomainErrorOptions = {}): GraphQLError {
  return new GraphQLError(text.vi, {
    extensions: {
      code,
      i18n: text,
      ...(options.field ? { field: options.field } : {}),
      ...(options.httpStatus ? { http: { status: options.httpStatus } } : {}),
      ...(options.breakGlassUnit ? { breakGlassUnit: options.breakGlassUnit } : {}),
    },
  });
}

export const forbiddenField = (coordinate: string): GraphQLError =>
  domainError('FORBIDDEN', {
    vi: `Không có quyền xem trường ${coordinate}`,
    en: `Not allowed to read ${coordinate}`,
  });

export const unauthenticated = (text: Bilingual): GraphQLError => domainError('UNAUTHENTICATED', text, { httpStatus: 401 });

const GENERIC_TEXT: Partial<Record<string, Bilingual>> = {
  GRAPHQL_PARSE_FAILED: { vi: 'Truy vấn không đúng cú pháp GraphQL', en: 'The query is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { vi: 'Truy vấn không hợp lệ với lược đồ', en: 'The query does not match the schema' },
  BAD_USER_INPUT: { vi: 'Dữ liệu đầu vào không hợp lệ', en: 'Invalid input' },
  PERSISTED_QUERY_NOT_FOUND: { vi: 'Không tìm thấy truy vấn đã lưu', en: 'Persisted query not found' },
  OPERATION_RESOLUTION_FAILURE: { vi: 'Không xác định được thao tác cần chạy', en: 'Could not determine the operation to run' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
};

export const SERVICE_UNAVAILABLE_TEXT: Bilingual = {
  vi: 'Dịch vụ tạm thời không khả dụng (cơ sở dữ liệu không phản hồi); vui lòng thử lại sau, chưa có thay đổi nào được lưu',
  en: 'The service is temporarily unavailable (the database does not answer); please retry later, nothing was saved',
};

const INTERNAL: Bilingual = {
  vi: 'Lỗi hệ thống, vui lòng thử lại sau',
  en: 'Internal error, please try again later',
};

function isPublicCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && (PUBLIC_ERROR_CODES as readonly string[]).includes(code);
}

function isBilingual(value: unknown): value is Bilingual {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bilingual).vi === 'string' &&
    typeof (value as Bilingual).en === 'string'
  );
}

/**
 * formatError for every server: keeps typed errors, masks everything else (stack
 * traces, SQL, internal URLs, subgraph bodies) behind one internal error.
 */
export function formatPublicError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const base = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (!isPublicCode(code)) {
    return { ...base, message: INTERNAL.vi, extensions: { code: 'INTERNAL_SERVER_ERROR', i18n: INTERNAL } };
  }
  const own = formatted.extensions?.i18n;
  const i18n = isBilingual(own) ? own : (GENERIC_TEXT[code] ?? { vi: formatted.message, en: formatted.message });
  const detail = isBilingual(own) ? {} : { detail: formatted.message };
  const { field, subgraph, breakGlassUnit } = formatted.extensions ?? {};
  return {
    ...base,
    message: i18n.vi,
    extensions: {
      code,
      i18n,
      ...detail,
      ...(typeof field === 'string' ? { field } : {}),
      ...(typeof subgraph === 'string' ? { subgraph } : {}),
      ...(typeof breakGlassUnit === 'string' ? { breakGlassUnit } : {}),
    },
  };
}
