import type { KeyObject } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, domainError, signCallerContext } from '@rehab/server-kit';
import { subgraphAgencyLabel, type Caller, type SubgraphName } from '@rehab/shared-schema';

export interface GatewayContext {
  caller: Caller;
}

/** Subgraph error codes the gateway passes through unchanged (others: unavailable or masked). */
const PASSED_THROUGH = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'SERVICE_UNAVAILABLE']);
/** Errors made by errorFromResponse for passing through. */
const PASS = new WeakSet<GraphQLError>();

/** A subgraph that did not answer, named by its agency as subgraphs/registry.json spells it. */
export function subgraphUnavailable(subgraph: SubgraphName): GraphQLError {
  const agency = subgraphAgencyLabel(subgraph);
  const unavailable = domainError('SUBGRAPH_UNAVAILABLE', {
    vi: `Dữ liệu ${agency.vi} tạm thời không khả dụng`,
    en: `${agency.en} data is temporarily unavailable`,
  });
  unavailable.extensions.subgraph = subgraph;
  return unavailable;
}

/**
 * Calls one subgraph with the caller's context signed for that subgraph only. A
 * network failure becomes a typed error naming the agency, never the internal URL.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    url: string,
    fetcher: Fetcher,
    private readonly privateKey: KeyObject,
  ) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { caller } = context as Partial<GatewayContext>;
    if (!caller) throw new Error('No caller in gateway context');
    request.http?.headers.set(CONTEXT_HEADER, await signCallerContext(caller, this.subgraph, this.privateKey, request));
  }

  /**
   * A subgraph's typed refusal of the whole request (HTTP 400 BAD_USER_INPUT, e.g. a Date
   * variable "2026-13-01", or GRAPHQL_VALIDATION_FAILED, the same date written in the query,
   * which only the subgraph's scalar can judge; 503 SERVICE_UNAVAILABLE, its database down) passes through with
   * its code, bilingual text and field, instead of becoming an internal error.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = typeof body === 'object' && body !== null ? (body as { errors?: unknown[] }).errors?.[0] : undefined;
    const extensions =
      typeof first === 'object' && first !== null ? (first as { extensions?: Record<string, unknown> }).extensions : undefined;
    const code = extensions?.code;
    const i18n = extensions?.i18n as { vi?: unknown; en?: unknown } | undefined;
    if (!PASSED_THROUGH.has(String(code)) || typeof i18n?.vi !== 'string' || typeof i18n.en !== 'string') return error;
    const typed = domainError(
      code as 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'SERVICE_UNAVAILABLE',
      { vi: i18n.vi, en: i18n.en },
      {
        httpStatus: code === 'SERVICE_UNAVAILABLE' ? 503 : 400,
        ...(typeof extensions?.field === 'string' ? { field: extensions.field } : {}),
      },
    );
    typed.extensions.subgraph = this.subgraph;
    PASS.add(typed);
    return typed;
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError && PASS.has(error)) throw error;
    const unavailable = subgraphUnavailable(this.subgraph);
    if (
      error.name === 'AbortError' ||
      /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|aborted|circuit open|40[13]|5\d\d/.test(error.message)
    ) {
      throw unavailable;
    }
    throw error;
  }
}
