import type { KeyObject } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { isUuid, type SubgraphName } from '@rehab/shared-schema';
import { domainError, formatPublicError, type Bilingual, type PublicErrorCode } from '../errors';
import { isSubgraphName, TOPIC_PATTERN, type Notice, type NoticeHandler } from './notice';
import { SERVICE_HEADER, noticeHash, verifyServiceToken, type ServiceClaims } from './service-token';

/** Codes a handler throws (domainError) to refuse a notice for good: 422, not retried. */
export const NOTICE_REJECTION_CODES: readonly PublicErrorCode[] = [
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'FORBIDDEN',
];

/** A handler's validation error: the sender records it as failed and stops retrying. */
export const noticeRejected = (text: Bilingual): GraphQLError => domainError('BAD_USER_INPUT', text);

export interface NoticeReceiverOptions {
  name: SubgraphName;
  db: DataSource;
  /** Each sender's notice public key: a notice is accepted only when signed by the subgraph it names. */
  senderKeys: Readonly<Partial<Record<SubgraphName, KeyObject>>>;
  handlers: Readonly<Record<string, NoticeHandler>>;
}

function reply(res: Response, status: number, error: GraphQLError): void {
  res.status(status).json({ errors: [formatPublicError(error.toJSON())] });
}

const badRequest = (en: string, vi: string): GraphQLError => domainError('BAD_REQUEST', { vi, en });

/** The notice in a request body, or null when it is not one. */
function parseNotice(body: unknown): Notice | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || !isUuid(b.id)) return null;
  if (typeof b.topic !== 'string' || !TOPIC_PATTERN.test(b.topic)) return null;
  if (!isSubgraphName(b.source) || !isSubgraphName(b.destination)) return null;
  if (typeof b.createdAt !== 'string' || Number.isNaN(Date.parse(b.createdAt))) return null;
  if (b.payload === undefined) return null;
  return {
    id: b.id.toLowerCase(),
    topic: b.topic,
    source: b.source,
    destination: b.destination,
    payload: b.payload,
    createdAt: b.createdAt,
  };
}

function isRejection(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && (NOTICE_REJECTION_CODES as readonly unknown[]).includes(error.extensions.code);
}

/**
 * POST /notices: a notice from another subgraph, authenticated by its service token. In
 * one transaction the notice is recorded in the inbox (ON CONFLICT DO NOTHING) and, when
 * new, its topic's handler runs; 200 for new and duplicate notices alike.
 */
export function noticeReceiver(options: NoticeReceiverOptions): (RequestHandler | ErrorRequestHandler)[] {
  const handle: RequestHandler = async (req: Request, res: Response) => {
    const token = req.headers[SERVICE_HEADER];
    let claims: ServiceClaims;
    try {
      if (typeof token !== 'string') throw new Error('no service token');
      claims = await verifyServiceToken(token, options.name, options.senderKeys);
    } catch {
      reply(
        res,
        401,
        domainError('UNAUTHENTICATED', {
          vi: 'Thông báo thiếu mã xác thực dịch vụ hợp lệ',
          en: 'The notice lacks a valid service token',
        }),
      );
      return;
    }
    const notice = parseNotice(req.body);
    if (!notice) {
      reply(res, 400, badRequest('The notice is malformed', 'Thông báo không đúng định dạng'));
      return;
    }
    if (
      notice.source !== claims.source ||
      notice.id !== claims.noticeId.toLowerCase() ||
      noticeHash(notice) !== claims.noticeHash
    ) {
      reply(
        res,
        401,
        domainError('UNAUTHENTICATED', {
          vi: 'Mã xác thực dịch vụ không khớp với thông báo',
          en: 'The service token does not match the notice',
        }),
      );
      return;
    }
    if (notice.destination !== options.name) {
      reply(
        res,
        400,
        badRequest(
          `The notice is addressed to ${notice.destination}, not ${options.name}`,
          `Thông báo gửi cho ${notice.destination}, không phải ${options.name}`,
        ),
      );
      return;
    }
    const handler = Object.hasOwn(options.handlers, notice.topic) ? options.handlers[notice.topic] : undefined;
    if (!handler) {
      reply(res, 422, badRequest(`Unknown notice topic ${notice.topic}`, `Loại thông báo không xác định: ${notice.topic}`));
      return;
    }
    try {
      const duplicate = await options.db.transaction(async (manager) => {
        const inserted = await manager.query<unknown[]>(
          `INSERT INTO inbox_notice (id, topic, source, payload, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [notice.id, notice.topic, notice.source, JSON.stringify(notice.payload), notice.createdAt],
        );
        if (inserted.length === 0) return true;
        await handler(manager, notice);
        return false;
      });
      res.status(200).json({ id: notice.id, duplicate });
    } catch (error) {
      if (isRejection(error)) {
        reply(res, 422, error);
        return;
      }
      // Anything else (database down, a bug) is transient for the sender: it retries.
      reply(
        res,
        500,
        domainError('SUBGRAPH_UNAVAILABLE', {
          vi: 'Chưa xử lý được thông báo, vui lòng gửi lại sau',
          en: 'The notice could not be processed yet, retry later',
        }),
      );
    }
  };
  const malformedJson: ErrorRequestHandler = (_error, _req, res, _next) => {
    reply(res, 400, badRequest('The notice is not valid JSON', 'Thông báo không phải JSON hợp lệ'));
  };
  return [express.json({ limit: '256kb' }), handle, malformedJson];
}
