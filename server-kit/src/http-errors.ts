import type { ErrorRequestHandler } from 'express';
import type { Bilingual } from './errors';
import type { Logger } from './observability/logger';
import { currentRequest } from './observability/request';

interface HttpFailure {
  status: number;
  code: string;
  text: Bilingual;
}

function failureOf(error: { status?: number; type?: string }): HttpFailure {
  if (error.type === 'entity.too.large')
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', text: { vi: 'Yêu cầu quá lớn', en: 'The request is too large' } };
  if (error.type === 'entity.parse.failed' || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      text: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
    };
  }
  return {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    text: { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' },
  };
}

/**
 * The last handler of an express app: a request the body parser refused (too large, not
 * JSON) or any other failure outside GraphQL becomes a typed, bilingual JSON error, never
 * express's HTML page with a stack trace.
 */
export const bodyErrorHandler: ErrorRequestHandler = observedBodyErrorHandler();

/**
 * bodyErrorHandler that also logs: an unexpected failure (500) with its original message
 * and stack at error level, a refused body at debug; the response carries the request id.
 */
export function observedBodyErrorHandler(logger?: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const failure = failureOf(error);
    const requestId = currentRequest()?.requestId;
    if (failure.status === 500) logger?.error({ requestId, err: error }, 'internal error (masked for the client)');
    else logger?.debug({ requestId, code: failure.code }, 'request body refused');
    res.status(failure.status).json({
      errors: [
        {
          message: failure.text.vi,
          extensions: { code: failure.code, i18n: failure.text, ...(requestId ? { requestId } : {}) },
        },
      ],
    });
  };
}
