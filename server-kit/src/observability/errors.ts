import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { currentRequest } from './request';

type Formatter = (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;

/**
 * Wraps a server's formatError: an error about to be masked (INTERNAL_SERVER_ERROR) is
 * logged first with its original message and stack and the request id; every error sent
 * is counted by code and carries the request id in extensions.requestId.
 */
export function observedFormatter(format: Formatter, logger: Logger, metrics: ServiceMetrics): Formatter {
  return (formatted, error) => {
    const result = format(formatted, error);
    const state = currentRequest();
    const code = typeof result.extensions?.code === 'string' ? result.extensions.code : 'UNKNOWN';
    metrics.graphqlError(code);
    if (code === 'INTERNAL_SERVER_ERROR') {
      const original = error === undefined ? undefined : unwrapResolverError(error);
      logger.error(
        {
          requestId: state?.requestId,
          ...(state?.operationName ? { operationName: state.operationName } : {}),
          ...(formatted.path ? { path: formatted.path.join('.') } : {}),
          originalCode: formatted.extensions?.code,
          err: original ?? new Error(formatted.message),
        },
        'internal error (masked for the client)',
      );
    }
    if (code === 'SERVICE_UNAVAILABLE' && !formatted.extensions?.subgraph) {
      const original = error === undefined ? undefined : unwrapResolverError(error);
      logger.warn({ requestId: state?.requestId, err: original ?? new Error(formatted.message) }, 'database unavailable');
    }
    if (!state) return result;
    return { ...result, extensions: { ...result.extensions, requestId: state.requestId } };
  };
}
