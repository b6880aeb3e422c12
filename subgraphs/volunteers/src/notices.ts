import type { EntityManager } from 'typeorm';
import { enqueueNotice } from '@rehab/server-kit';

/** support.relapse-risk: a volunteer observed a HIGH relapse risk (to police and labour-welfare). */
export interface RelapseRiskNotice {
  personId: string;
  assignmentId: string;
  observedOn: string;
  note?: string;
}

export const RELAPSE_RISK_TOPIC = 'support.relapse-risk';

/** Queues the notice to the commune police and to labour; call inside the transaction of the activity. */
export async function notifyRelapseRisk(manager: EntityManager, payload: RelapseRiskNotice): Promise<void> {
  await enqueueNotice(manager, 'volunteers', { destination: 'police', topic: RELAPSE_RISK_TOPIC, payload });
  await enqueueNotice(manager, 'volunteers', { destination: 'labor-welfare', topic: RELAPSE_RISK_TOPIC, payload });
}
