import type { EntityManager } from 'typeorm';
import type { SubgraphName } from '@rehab/shared-schema';
import type { Bilingual } from '../errors';
import { enqueueNotice, type Notice, type NoticeHandler } from '../outbox/notice';
import { noticeRejected } from '../outbox/receiver';
import type { PayloadOf, Shape } from './fields';

/**
 * One cross-agency notice: its topic, who sends it, who receives it and its payload. The
 * sender's `sendNotice` and the receivers' `onNotice` both type the payload from here, so
 * the two sides cannot drift apart.
 */
export interface NoticeContract<S extends Shape = Shape> {
  topic: string;
  from: SubgraphName;
  to: readonly SubgraphName[];
  /** What the notice means, for the catalogue. */
  description: string;
  shape: S;
  /** A check across fields, returning the reason a payload is refused. */
  check?(payload: PayloadOf<S>): Bilingual | null;
  /** A valid payload: the contract test round-trips it. */
  example: PayloadOf<S>;
}

export function defineNotice<S extends Shape>(contract: NoticeContract<S>): NoticeContract<S> {
  return contract;
}

/** Reads a payload by its contract, or throws the receiver's 422 refusal naming the field. */
export function parseNotice<S extends Shape>(contract: NoticeContract<S>, payload: unknown): PayloadOf<S> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw noticeRejected({
      vi: `Thông báo ${contract.topic}: nội dung phải là một đối tượng JSON`,
      en: `Notice ${contract.topic}: the payload must be a JSON object`,
    });
  }
  const raw = payload as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(contract.shape)) {
    const read = spec.read(raw[key]);
    if (!read.ok) {
      throw noticeRejected({
        vi: `Thông báo ${contract.topic}: trường ${key} ${read.why.vi}`,
        en: `Notice ${contract.topic}: field ${key} ${read.why.en}`,
      });
    }
    out[key] = read.value;
  }
  const parsed = out as PayloadOf<S>;
  const why = contract.check?.(parsed);
  if (why) throw noticeRejected({ vi: `Thông báo ${contract.topic}: ${why.vi}`, en: `Notice ${contract.topic}: ${why.en}` });
  return parsed;
}

/**
 * Queues the notice to every receiver of its contract (or the ones named); call inside the
 * transaction of the change it reports. Returns the notice ids.
 */
export async function sendNotice<S extends Shape>(
  manager: EntityManager,
  contract: NoticeContract<S>,
  payload: PayloadOf<S>,
  destinations: readonly SubgraphName[] = contract.to,
): Promise<string[]> {
  const ids: string[] = [];
  for (const destination of destinations) {
    if (!contract.to.includes(destination)) throw new Error(`Notice ${contract.topic} is not sent to ${destination}`);
    ids.push(await enqueueNotice(manager, contract.from, { destination, topic: contract.topic, payload }));
  }
  return ids;
}

/**
 * A sender's typed function over several contracts, chosen by topic: a subgraph names the
 * notices it sends once and calls `notify(manager, 'rehab.admitted', payload)`.
 */
export function noticeSender<M extends Readonly<Record<string, NoticeContract>>>(
  contracts: M,
): <T extends keyof M & string>(manager: EntityManager, topic: T, payload: PayloadOf<M[T]['shape']>) => Promise<void> {
  return async (manager, topic, payload) => {
    const contract: NoticeContract | undefined = contracts[topic];
    if (!contract) throw new Error(`No notice contract for ${topic}`);
    await sendNotice(manager, contract, payload);
  };
}

export type ContractHandler<S extends Shape> = (manager: EntityManager, payload: PayloadOf<S>, notice: Notice) => Promise<void>;

/** A receiver's handler of one contract: the payload arrives read and checked. */
export function onNotice<S extends Shape>(
  contract: NoticeContract<S>,
  ...handlers: ContractHandler<S>[]
): Record<string, NoticeHandler> {
  return {
    [contract.topic]: async (manager, notice) => {
      // A signed notice from a subgraph that does not send this topic is refused, not acted on.
      if (notice.source !== contract.from) {
        throw noticeRejected({
          vi: `Thông báo ${contract.topic} chỉ do ${contract.from} gửi, không phải ${notice.source}`,
          en: `Notice ${contract.topic} is sent by ${contract.from} only, not ${notice.source}`,
        });
      }
      const payload = parseNotice(contract, notice.payload);
      for (const handler of handlers) await handler(manager, payload, notice);
    },
  };
}
