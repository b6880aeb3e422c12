import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SUBGRAPH_NAMES, type SubgraphName } from '@rehab/shared-schema';

/** A cross-agency notice as it travels from the sender's outbox to the receiver. */
export interface Notice<P = unknown> {
  /** uuid, made by enqueueNotice. */
  id: string;
  /** e.g. 'rehab.completed', 'rehab.absconded', 'residence.moved'. */
  topic: string;
  source: SubgraphName;
  destination: SubgraphName;
  /** JSON. */
  payload: P;
  /** ISO timestamp of the sender's transaction. */
  createdAt: string;
}

/** Receiver side: runs inside the transaction that records the notice in the inbox. */
export type NoticeHandler = (manager: EntityManager, notice: Notice) => Promise<void>;

export const TOPIC_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

export function isSubgraphName(value: unknown): value is SubgraphName {
  return typeof value === 'string' && SUBGRAPH_NAMES.includes(value);
}

/** Flag on the transaction's query runner: the dispatcher is woken when it commits. */
export const ENQUEUED_FLAG = 'rehabOutboxEnqueued';

/**
 * Records a notice in the sender's outbox. Call INSIDE the transaction of the state
 * change it reports: the notice exists if and only if the change commits. Returns the
 * notice id.
 */
export async function enqueueNotice(
  manager: EntityManager,
  source: SubgraphName,
  notice: { destination: SubgraphName; topic: string; payload: object },
): Promise<string> {
  if (!isSubgraphName(source) || !isSubgraphName(notice.destination)) {
    throw new Error(`enqueueNotice: unknown subgraph ${source} → ${notice.destination}`);
  }
  if (!TOPIC_PATTERN.test(notice.topic)) throw new Error(`enqueueNotice: malformed topic "${notice.topic}"`);
  const id = randomUUID();
  await manager.query('INSERT INTO outbox_notice (id, topic, source, destination, payload) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    id,
    notice.topic,
    source,
    notice.destination,
    JSON.stringify(notice.payload),
  ]);
  if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [ENQUEUED_FLAG]: true };
  return id;
}
