import type { EntityManager } from 'typeorm';
import type { SubgraphName } from '@rehab/shared-schema';

/** An outbox notice as an operations worklist shows it. */
export interface OutboxEntry {
  id: string;
  topic: string;
  destination: SubgraphName;
  payload: unknown;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

interface Row {
  id: string;
  topic: string;
  destination: SubgraphName;
  payload: unknown;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

const CONDITION = {
  /** Refused by the receiver (4xx): needs a person to look at it. */
  failed: 'failed_at IS NOT NULL',
  /** Not delivered yet (waiting or being retried). */
  pending: 'delivered_at IS NULL AND failed_at IS NULL',
} as const;

/** Outbox notices that are failed or still pending, oldest first. */
export async function outboxEntries(manager: EntityManager, status: keyof typeof CONDITION, limit = 100): Promise<OutboxEntry[]> {
  const rows = await manager.query<Row[]>(
    `SELECT id, topic, destination, payload, created_at, attempts, next_attempt_at, delivered_at, failed_at, last_error
       FROM outbox_notice WHERE ${CONDITION[status]} ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    destination: r.destination,
    payload: r.payload,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    deliveredAt: r.delivered_at,
    failedAt: r.failed_at,
    lastError: r.last_error,
  }));
}
