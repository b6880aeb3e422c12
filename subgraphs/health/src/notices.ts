import {
  ADDICTION_DETERMINED,
  CARE_SUBSTITUTION,
  SUBSTITUTION_ENDED,
  SUBSTITUTION_STARTED,
  noticeSender,
} from '@rehab/server-kit';

/** Queues a notice to the agencies its contract addresses (server-kit's notice catalogue); call inside the transaction of the change it reports. */
export const notifyAgencies = noticeSender({
  'addiction.determined': ADDICTION_DETERMINED,
  'treatment.substitution-started': SUBSTITUTION_STARTED,
  'treatment.substitution-ended': SUBSTITUTION_ENDED,
  'care.substitution': CARE_SUBSTITUTION,
});
