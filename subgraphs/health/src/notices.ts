import { ADDICTION_DETERMINED, CARE_SUBSTITUTION, SUBSTITUTION_STARTED, noticeSender } from '@rehab/server-kit';

/** Queues a notice to police (payloads: the contracts of server-kit's notice catalogue); call inside the transaction of the change it reports. */
export const notifyPolice = noticeSender({
  'addiction.determined': ADDICTION_DETERMINED,
  'treatment.substitution-started': SUBSTITUTION_STARTED,
  'care.substitution': CARE_SUBSTITUTION,
});
