import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { domainError, formatPublicError, SERVICE_UNAVAILABLE_TEXT, type Bilingual } from './errors';
import { isDatabaseUnavailable } from './db-unavailable';
import { malformedRecordId } from './id-guard';

/**
 * Limits on one GraphQL operation, checked before anything is executed. The gateway
 * applies them to the officer's query; each subgraph applies wider ones to the gateway's
 * query-plan fetches (which add keys, __typename and `_entities` wrappers).
 */
export interface QueryLimits {
  /** Nesting of fields (fragments do not count as a level). */
  maxDepth: number;
  /** Aliased fields in one operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Lexical tokens in the query text; the parser stops past it (graphql-js maxTokens). */
  maxTokens: number;
  /** graphql-armor cost (objects 2, scalars 1, ×1.5 per level, × page size `first`/`last`). */
  maxCost: number;
  /** Directives (`@include`, `@skip`, …) in one operation. */
  maxDirectives: number;
}

export const GATEWAY_LIMIT_DEFAULTS: Readonly<QueryLimits> = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 20_000,
  maxDirectives: 20,
};

const ENV_NAMES: Readonly<Record<keyof QueryLimits, string>> = {
  maxDepth: 'MAX_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxTokens: 'MAX_TOKENS',
  maxCost: 'MAX_COST',
  maxDirectives: 'MAX_DIRECTIVES',
};

/** A positive number from the environment, the fallback when unset; anything else stops the start. */
export function positiveNumberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** The gateway's limits: GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_ALIASES, GRAPHQL_MAX_TOKENS, GRAPHQL_MAX_COST, GRAPHQL_MAX_DIRECTIVES. */
export function gatewayLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const limits = { ...GATEWAY_LIMIT_DEFAULTS };
  for (const key of Object.keys(ENV_NAMES) as (keyof QueryLimits)[]) {
    limits[key] = positiveNumberFromEnv(env, `GRAPHQL_${ENV_NAMES[key]}`, limits[key]);
  }
  return limits;
}

/**
 * A subgraph's limits: derived from the gateway's so its query plans always fit (depth + 4,
 * twice the aliases, tokens, cost and directives), each overridable by SUBGRAPH_MAX_*.
 */
export function subgraphLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const gateway = gatewayLimitsFromEnv(env);
  const derived: QueryLimits = {
    maxDepth: gateway.maxDepth + 4,
    maxAliases: gateway.maxAliases * 2,
    maxTokens: gateway.maxTokens * 2,
    maxCost: gateway.maxCost * 2,
    maxDirectives: gateway.maxDirectives * 2,
  };
  for (const key of Object.keys(ENV_NAMES) as (keyof QueryLimits)[]) {
    derived[key] = positiveNumberFromEnv(env, `SUBGRAPH_${ENV_NAMES[key]}`, derived[key]);
  }
  return derived;
}

function found(error: GraphQLError): string {
  const match = /found (\d+(?:\.\d+)?)/.exec(error.message);
  return match?.[1] ? String(Math.ceil(Number(match[1]))) : '?';
}

/** The typed error of a refused operation, HTTP 400, Vietnamese and English. */
function limitError(text: Bilingual): GraphQLError {
  return domainError('GRAPHQL_VALIDATION_FAILED', text, { httpStatus: 400 });
}

type RejectHandler = (context: ValidationContext | null, error: GraphQLError) => void;

function reject(text: (error: GraphQLError) => Bilingual): { propagateOnRejection: false; onReject: RejectHandler[] } {
  return {
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(limitError(text(error)))],
  };
}

const OFF = { enabled: false } as const;

/** graphql-armor validation rules for depth, aliases and directives (tokens: parseOptions; cost: costPlugin). */
function armorRules(limits: QueryLimits): ValidationRule[] {
  return new ApolloArmor({
    blockFieldSuggestion: OFF,
    maxTokens: OFF,
    costLimit: OFF,
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      ...reject((e) => ({
        vi: `Truy vấn lồng quá sâu: tối đa ${limits.maxDepth} cấp, truy vấn này có ${found(e)} cấp`,
        en: `The query is nested too deeply: at most ${limits.maxDepth} levels, this one has ${found(e)}`,
      })),
    },
    maxAliases: {
      n: limits.maxAliases,
      ...reject((e) => ({
        vi: `Truy vấn dùng quá nhiều bí danh (alias): tối đa ${limits.maxAliases}, truy vấn này có ${found(e)}`,
        en: `The query uses too many aliases: at most ${limits.maxAliases}, this one has ${found(e)}`,
      })),
    },
    maxDirectives: {
      n: limits.maxDirectives,
      ...reject((e) => ({
        vi: `Truy vấn dùng quá nhiều chỉ thị (directive): tối đa ${limits.maxDirectives}, truy vấn này có ${found(e)}`,
        en: `The query uses too many directives: at most ${limits.maxDirectives}, this one has ${found(e)}`,
      })),
    },
  }).protect().validationRules;
}

/** graphql-armor's cost rule, run by costPlugin on a document whose page sizes are bound. */
function armorCostRules(maxCost: number): ValidationRule[] {
  return new ApolloArmor({
    blockFieldSuggestion: OFF,
    maxTokens: OFF,
    maxDepth: OFF,
    maxAliases: OFF,
    maxDirectives: OFF,
    costLimit: {
      maxCost,
      flattenFragments: true,
      ...reject((e) => ({
        vi: `Truy vấn quá tốn kém: chi phí ước tính ${found(e)} vượt ngân sách ${maxCost}`,
        en: `The query is too expensive: estimated cost ${found(e)} exceeds the budget of ${maxCost}`,
      })),
    },
  }).protect().validationRules;
}

const PAGE_ARGUMENTS = ['first', 'last'];

function intArgument(name: string, value: number): ArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: { kind: Kind.INT, value: String(Math.trunc(value)) },
  };
}

/**
 * The document with every page-size argument (`first`/`last`) written as a literal: a
 * variable's value, or the schema default when the argument is left out. graphql-armor's
 * cost rule only multiplies by literal page sizes; without this a variable would hide them.
 */
export function bindPageSizes(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Readonly<Record<string, unknown>>,
): DocumentNode {
  const values = new Map<string, number>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const given = variables[variable.variable.name.value];
      if (typeof given === 'number' && Number.isFinite(given)) values.set(variable.variable.name.value, given);
      else if (given === undefined && variable.defaultValue?.kind === Kind.INT)
        values.set(variable.variable.name.value, Number(variable.defaultValue.value));
    }
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode): FieldNode | undefined {
        const definition = typeInfo.getFieldDef();
        if (!definition) return undefined;
        let changed = false;
        const args = (node.arguments ?? []).map((arg) => {
          if (!PAGE_ARGUMENTS.includes(arg.name.value) || arg.value.kind !== Kind.VARIABLE) return arg;
          const value = values.get(arg.value.name.value);
          if (value === undefined) return arg;
          changed = true;
          return intArgument(arg.name.value, value);
        });
        for (const defined of definition.args) {
          if (!PAGE_ARGUMENTS.includes(defined.name) || args.some((a) => a.name.value === defined.name)) continue;
          if (typeof defined.defaultValue === 'number') {
            args.push(intArgument(defined.name, defined.defaultValue));
            changed = true;
          }
        }
        return changed ? { ...node, arguments: args } : undefined;
      },
    }),
  );
}

/**
 * The limits as one engine-neutral check, for a GraphQL server other than Apollo Server
 * (the Hive Gateway configuration): depth, aliases and directives as validation rules, and
 * the cost of an operation once its variables are known.
 */
export function queryLimitChecks(limits: QueryLimits): {
  validationRules: ValidationRule[];
  costError(
    document: DocumentNode,
    schema: GraphQLSchema,
    variables: Readonly<Record<string, unknown>>,
  ): GraphQLError | undefined;
} {
  return { validationRules: armorRules(limits), costError: costChecker(limits.maxCost) };
}

/** The page sizes a document's cost depends on: each numeric variable's value or default. */
function pageSizeKey(document: DocumentNode, variables: Readonly<Record<string, unknown>>): string {
  const values: (number | null)[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const given = variables[variable.variable.name.value];
      values.push(typeof given === 'number' && Number.isFinite(given) ? given : null);
    }
  }
  return values.join(',');
}

/** Page sizes remembered per document; beyond this many, a document's cost is worked out each time. */
const COSTS_PER_DOCUMENT = 64;

/**
 * An operation's cost check, done once per parsed document, schema and page sizes: the
 * servers keep each parsed document, and the cost depends on nothing else.
 */
export function costChecker(
  maxCost: number,
): (document: DocumentNode, schema: GraphQLSchema, variables: Readonly<Record<string, unknown>>) => GraphQLError | undefined {
  const rules = armorCostRules(maxCost);
  const known = new WeakMap<DocumentNode, { schema: GraphQLSchema; byPageSizes: Map<string, GraphQLError | null> }>();
  return (document, schema, variables) => {
    let entry = known.get(document);
    if (entry?.schema !== schema) {
      entry = { schema, byPageSizes: new Map() };
      known.set(document, entry);
    }
    const key = pageSizeKey(document, variables);
    const cached = entry.byPageSizes.get(key);
    // A refusal is given afresh to each request: errors are annotated on their way out.
    if (cached !== undefined)
      return cached ? new GraphQLError(cached.message, { nodes: cached.nodes, extensions: { ...cached.extensions } }) : undefined;
    const [error] = validate(schema, bindPageSizes(document, schema, variables), rules);
    if (entry.byPageSizes.size < COSTS_PER_DOCUMENT) entry.byPageSizes.set(key, error ?? null);
    return error;
  };
}

function costPlugin(maxCost: number): ApolloServerPlugin {
  const costError = costChecker(maxCost);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const error = costError(document, schema, request.variables ?? {});
          if (error) throw error;
        },
      };
    },
  };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The formatted error without graphql-js's "Did you mean …?" hints, which reveal the schema. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

const TOO_MANY_TOKENS = /Document contains more th[ae][nt] (\d+) tokens/;

/** graphql-js's token-limit parse error (parseOptions.maxTokens) in Vietnamese and English. */
function withTokenLimitText(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const limit = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOO_MANY_TOKENS.exec(formatted.message)?.[1] : undefined;
  if (!limit) return formatted;
  const i18n: Bilingual = { vi: `Truy vấn quá dài: tối đa ${limit} token`, en: `The query is too long: at most ${limit} tokens` };
  return { ...formatted, message: i18n.vi, extensions: { ...formatted.extensions, i18n } };
}

/**
 * formatError for every server: typed errors kept, the rest masked; "did you mean" hints
 * removed unless keepSuggestions (the gateway then strips them per role, see its introspection plugin).
 */
export function publicErrorFormatter(
  keepSuggestions: boolean,
): (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    if (isDatabaseUnavailable(error)) {
      return formatPublicError({
        ...formatted,
        message: SERVICE_UNAVAILABLE_TEXT.vi,
        extensions: { code: 'SERVICE_UNAVAILABLE', i18n: SERVICE_UNAVAILABLE_TEXT },
      });
    }
    return formatPublicError(withTokenLimitText(keepSuggestions ? formatted : withoutSuggestions(formatted)));
  };
}

/** True when a value (variables) holds a NUL character anywhere, keys included. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** Whether each parsed document (kept by the servers) holds a NUL in a string literal, found once. */
const nulInDocument = new WeakMap<DocumentNode, boolean>();

function documentHasNul(document: DocumentNode): boolean {
  const known = nulInDocument.get(document);
  if (known !== undefined) return known;
  const found = literalHasNul(document);
  nulInDocument.set(document, found);
  return found;
}

function literalHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/** No operation to run: several in the document without operationName, or none of that name (HTTP 400). */
function unresolvedOperation(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  const text: Bilingual =
    !operationName && count > 1
      ? {
          vi: 'Tài liệu có nhiều thao tác: cần chỉ rõ operationName',
          en: 'The document holds several operations: operationName is required',
        }
      : { vi: 'Không tìm thấy thao tác cần chạy trong tài liệu', en: 'The document holds no operation of that name' };
  return domainError('OPERATION_RESOLUTION_FAILURE', text, { httpStatus: 400 });
}

/**
 * Refusals of every server before any resolver runs: a NUL character in a string
 * (PostgreSQL text cannot hold one) is BAD_USER_INPUT; a subscription (not offered over
 * HTTP) is BAD_REQUEST; a record id that is not a UUID (id-guard.ts) is BAD_USER_INPUT;
 * an operation that cannot be chosen is OPERATION_RESOLUTION_FAILURE; all HTTP 400. A response carrying SERVICE_UNAVAILABLE (a
 * database that does not answer) is HTTP 503.
 */
function requestGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation, schema }) {
          if (!operation) throw unresolvedOperation(document, request.operationName);
          if (hasNul(request.variables) || documentHasNul(document)) {
            throw domainError(
              'BAD_USER_INPUT',
              {
                vi: 'Dữ liệu chứa ký tự NUL (\\u0000) không được phép',
                en: 'The input contains a NUL character (\\u0000), which is not allowed',
              },
              { httpStatus: 400 },
            );
          }
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw domainError(
              'BAD_REQUEST',
              {
                vi: 'Hệ thống không hỗ trợ subscription qua HTTP',
                en: 'Subscriptions are not supported over HTTP',
              },
              { httpStatus: 400 },
            );
          }
          const badId = malformedRecordId(document, schema, request.variables ?? {});
          if (badId) {
            throw domainError(
              'BAD_USER_INPUT',
              {
                vi: `Mã không hợp lệ ở trường ${badId}: cần một UUID`,
                en: `Invalid id in ${badId}: a UUID is expected`,
              },
              { field: badId, httpStatus: 400 },
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'))
            response.http.status = 503;
        },
      };
    },
  };
}

/** The ApolloServer options that enforce the limits; spread them into the server's options. */
export interface LimitServerOptions {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  plugins: ApolloServerPlugin[];
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
  allowBatchedHttpRequests: false;
  csrfPrevention: true;
  includeStacktraceInErrorResponses: false;
}

/**
 * Depth, aliases and directives as graphql-armor validation rules; tokens by graphql-js's
 * parser (armor's Apollo token plugin parses twice and its error surfaces as a 500); cost by
 * armor's rule on the document with page sizes bound from variables; batched HTTP requests
 * refused; CSRF prevention on; errors masked and, in production, without suggestions.
 */
export function limitServerOptions(
  limits: QueryLimits,
  options: { production: boolean; keepSuggestions?: boolean },
): LimitServerOptions {
  return {
    validationRules: armorRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [requestGuardPlugin(), costPlugin(limits.maxCost)],
    formatError: publicErrorFormatter(!options.production && (options.keepSuggestions ?? false)),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
  };
}
