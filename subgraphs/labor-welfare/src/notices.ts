import type { EntityManager } from 'typeorm';
import { REHAB_ABSCONDED, REHAB_ADMITTED, REHAB_COMPLETED, REHAB_RETURNED, sendNotice, type PayloadOf } from '@rehab/server-kit';

/** Notices labour-welfare sends to police; their payloads are the contracts' (server-kit notices catalogue). */
const TO_POLICE = {
  'rehab.admitted': REHAB_ADMITTED,
  'rehab.absconded': REHAB_ABSCONDED,
  'rehab.returned': REHAB_RETURNED,
  'rehab.completed': REHAB_COMPLETED,
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
