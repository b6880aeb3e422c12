import type { EntityManager } from 'typeorm';
import { ADDICTION_DETERMINED, SUBSTITUTION_STARTED, sendNotice, type PayloadOf } from '@rehab/server-kit';

/** Notices health sends to police; their payloads are the contracts' (server-kit notices catalogue). */
const TO_POLICE = {
  'addiction.determined': ADDICTION_DETERMINED,
  'treatment.substitution-started': SUBSTITUTION_STARTED,
} as const;

type ToPolice = typeof TO_POLICE;

/** Queues a notice to police; call inside the transaction of the change it reports. */
export async function notifyPolice<T extends keyof ToPolice>(
  manager: EntityManager,
  topic: T,
  payload: PayloadOf<ToPolice[T]['shape']>,
): Promise<void> {
  const contract = TO_POLICE[topic];
  await sendNotice(manager, contract, payload as PayloadOf<typeof contract.shape>);
}
