import { CARE_FACILITY, REHAB_ABSCONDED, REHAB_ADMITTED, REHAB_COMPLETED, REHAB_RETURNED, noticeSender } from '@rehab/server-kit';

/** Queues a notice to police (payloads: the contracts of server-kit's notice catalogue); call inside the transaction of the change it reports. */
export const notifyPolice = noticeSender({
  'rehab.admitted': REHAB_ADMITTED,
  'rehab.absconded': REHAB_ABSCONDED,
  'rehab.returned': REHAB_RETURNED,
  'rehab.completed': REHAB_COMPLETED,
  'care.facility': CARE_FACILITY,
});
