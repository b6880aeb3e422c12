import type { KeyObject } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
  type ValidationRule,
} from 'graphql';
import { CONTEXT_HEADER, domainError, queryLimitChecks, signCallerContext, type QueryLimits } from '@rehab/server-kit';
import type { Caller, Role, SubgraphName } from '@rehab/shared-schema';
import { subgraphUnavailable } from '@rehab/gateway';

/** What the project's HTTP front hands Hive Gateway with each request. */
export interface RehabContext {
  caller: Caller;
}

export interface RehabPluginOptions {
  /** The gateway's Ed25519 private key for subgraph contexts. */
  contextPrivateKey: KeyObject;
  /** Subgraph by the URL Hive Gateway fetches. */
  subgraphOfUrl: ReadonlyMap<string, SubgraphName>;
  limits: QueryLimits;
  /** Abort a subgraph request after this many milliseconds. */
  timeoutMs: number;
  /** Roles that may introspect the schema. */
  introspectionRoles: readonly Role[];
  /** Formats every error sent to the client (masking, bilingual texts, request id, metrics). */
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
  /** Told of every subgraph fetch. */
  observe: (subgraph: string, outcome: string, seconds: number) => void;
}

const forbiddenIntrospection = (): GraphQLError =>
  domainError(
    'FORBIDDEN',
    {
      vi: 'Chỉ chuyên viên phân tích và cán bộ giám sát được tra cứu lược đồ (introspection)',
      en: 'Only analysts and supervisors may introspect the schema',
    },
    { httpStatus: 403 },
  );

/** `__schema` and `__type` are refused to roles without the right (`__typename` is not introspection). */
const introspectionRule =
  (allowed: boolean): ValidationRule =>
  (context) => ({
    Field(node) {
      if (!allowed && (node.name.value === '__schema' || node.name.value === '__type'))
        context.reportError(forbiddenIntrospection());
    },
  });

function bodyOf(body: unknown): { query?: unknown; variables?: unknown; operationName?: unknown } {
  if (typeof body !== 'string') return {};
  const parsed: unknown = JSON.parse(body);
  return typeof parsed === 'object' && parsed !== null ? parsed : {};
}

type FetchPayload = Parameters<NonNullable<GatewayPlugin<RehabContext>['onFetch']>>[0];

/**
 * Signs a subgraph fetch for its caller (the context header, bound to the request's body)
 * and names the subgraph. Only the configured subgraphs are ever called, and only for a
 * known caller.
 */
export async function signSubgraphFetch<S extends string>(
  payload: FetchPayload,
  subgraphOfUrl: ReadonlyMap<string, S>,
  privateKey: KeyObject,
): Promise<S> {
  const { url, options: init, context } = payload;
  const subgraph = subgraphOfUrl.get(url);
  const caller = 'caller' in context ? context.caller : undefined;
  if (!subgraph || !caller) throw new Error('Hive Gateway fetch outside a signed request');
  const token = await signCallerContext(caller, subgraph, privateKey, bodyOf(init.body));
  payload.setOptions({ ...init, headers: { ...(init.headers as Record<string, string>), [CONTEXT_HEADER]: token } });
  return subgraph;
}

/** A subgraph's answer standing in for one that never came: the agency's typed unavailability. */
const unavailableResponse = (subgraph: SubgraphName): Response =>
  Response.json({ errors: [subgraphUnavailable(subgraph).toJSON()] }, { status: 200 });

/** The HTTP status an error asks for (extensions.http.status of the kit's typed errors). */
const statusOf = (error: unknown): number | undefined =>
  error instanceof GraphQLError ? error.extensions.http?.status : undefined;

/**
 * Every error formatted as the Apollo gateway formats it, and the HTTP status it would
 * answer: the highest an error asks for; else 400 for a request that never ran (parse or
 * validation errors, no data); else 200.
 */
function formatResult(result: ExecutionResult, format: RehabPluginOptions['formatError']): ExecutionResult {
  if (!result.errors?.length) return result;
  const statuses = result.errors.map(statusOf).filter((s): s is number => s !== undefined);
  const status = statuses.length > 0 ? Math.max(...statuses) : 'data' in result ? 200 : 400;
  const errors = result.errors.map((error) => format(error instanceof GraphQLError ? error.toJSON() : error, error));
  // Yoga answers with extensions.http.status and leaves it out of the body.
  return {
    ...result,
    errors: errors as unknown as ExecutionResult['errors'],
    extensions: { ...result.extensions, http: { status } },
  };
}

/**
 * The project's trust inside Hive Gateway: each subgraph request carries the caller's
 * context signed for that subgraph and that body (as the Apollo gateway signs it); the
 * query limits and the introspection rule of the Apollo gateway; a subgraph that does not
 * answer becomes SUBGRAPH_UNAVAILABLE naming its agency; every error leaves formatted.
 * Who the caller is was decided before the request reached Hive Gateway (GraphQLFront).
 */
export function useRehabTrust(options: RehabPluginOptions): GatewayPlugin<RehabContext> {
  const checks = queryLimitChecks(options.limits);
  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, parseOptions?: ParseOptions) =>
        parse(source, { ...parseOptions, maxLexicalTokens: options.limits.maxTokens }),
      );
    },
    onValidate({ addValidationRule, context }) {
      for (const rule of checks.validationRules) addValidationRule(rule);
      const role = context.caller?.role;
      addValidationRule(introspectionRule(role !== undefined && options.introspectionRoles.includes(role)));
    },
    onExecute(payload) {
      const { document, schema, variableValues } = payload.args as {
        document: DocumentNode;
        schema: GraphQLSchema;
        variableValues?: Record<string, unknown> | null;
      };
      const error = checks.costError(document, schema, variableValues ?? {});
      if (error) payload.setResultAndStopExecution({ errors: [error] });
    },
    async onFetch(payload) {
      const subgraph = await signSubgraphFetch(payload, options.subgraphOfUrl, options.contextPrivateKey);
      payload.setFetchFn(async (target, request, ...rest) => {
        const started = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = request?.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        try {
          const response = await payload.fetchFn(target, { ...request, signal }, ...rest);
          options.observe(subgraph, response.status >= 500 ? '5xx' : `${Math.floor(response.status / 100)}xx`, seconds());
          return response.status >= 500 ? unavailableResponse(subgraph) : response;
        } catch {
          options.observe(subgraph, 'error', seconds());
          return unavailableResponse(subgraph);
        }
      });
    },
    onResultProcess(payload) {
      const { result } = payload;
      if (Array.isArray(result) || !('errors' in result) || Symbol.asyncIterator in result) return;
      payload.setResult(formatResult(result as ExecutionResult, options.formatError));
    },
  };
}
