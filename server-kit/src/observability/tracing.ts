import type { IncomingHttpHeaders } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

const propagator = new W3CTraceContextPropagator();

/**
 * One service's OpenTelemetry traces: a server span per HTTP request (child of an incoming
 * W3C `traceparent`), a client span per subgraph fetch whose `traceparent` goes with the
 * request. The provider is the service's own, not registered globally (tests run several
 * services in one process), and spans are parented explicitly from the request state.
 */
export class Tracing {
  private readonly provider: BasicTracerProvider;

  constructor(service: string, exporter: SpanExporter) {
    this.provider = new BasicTracerProvider({
      resource: new Resource({ 'service.name': service }),
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })],
    });
  }

  private get tracer() {
    return this.provider.getTracer('rehab');
  }

  /** The server span of an incoming request, continuing the caller's trace when it sent a traceparent. */
  startServerSpan(method: string, headers: IncomingHttpHeaders): Span {
    const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    return this.tracer.startSpan(`${method} request`, { kind: SpanKind.SERVER, attributes: { 'http.method': method } }, parent);
  }

  /** A client span under `parent`, and the headers carrying it to the callee. */
  startClientSpan(name: string, parent: Span | undefined): { span: Span; headers: Record<string, string> } {
    const context = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    const span = this.tracer.startSpan(name, { kind: SpanKind.CLIENT }, context);
    const headers: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
    return { span, headers };
  }

  /** Ends a span with the HTTP status (5xx, or a failure, marks it as an error). */
  static end(span: Span, status: number | 'error'): void {
    if (status === 'error' || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (status !== 'error') span.setAttribute('http.status_code', status);
    span.end();
  }

  /** Exports what is buffered (tests, shutdown). */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/**
 * Traces exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is)
 * or OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces) is set; otherwise none.
 */
export function tracingFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return url ? new Tracing(service, new OTLPTraceExporter({ url })) : undefined;
}
