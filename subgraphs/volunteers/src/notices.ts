import type { EntityManager } from 'typeorm';
import { RELAPSE_RISK, sendNotice, type PayloadOf } from '@rehab/server-kit';

/** Queues the relapse-risk notice to commune police and to labour; call inside the transaction of the activity. */
export async function notifyRelapseRisk(manager: EntityManager, payload: PayloadOf<typeof RELAPSE_RISK.shape>): Promise<void> {
  await sendNotice(manager, RELAPSE_RISK, payload);
}
