import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Field } from './Panel';
import type { LaborPanel_personFragment } from '../__generated__/operations';

type Episode = NonNullable<LaborPanel_personFragment['rehabEpisodes']>[number];
export type Extraction = NonNullable<Episode['extractions']>[number];

/** Trích xuất: the latest request on an episode, as the labour panel shows it (to police, facility staff, supervisors). */
export function ExtractionField({ extractions }: { extractions: Episode['extractions'] }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const latest = extractions?.[0];
  if (!latest) return null;
  const when =
    latest.status === 'OUT'
      ? t('extraction.outSince', { date: formatDate(latest.handedOverOn), due: formatDate(latest.expectedReturnOn) })
      : latest.status === 'RETURNED'
        ? t('extraction.returnedOn', { date: formatDate(latest.returnedOn) })
        : t('extraction.requestedOn', { date: formatDate(latest.requestedOn) });
  return (
    <Field label={t('extraction.heading')} wide>
      <span className={`badge badge--${latest.overdue ? 'absconded' : latest.status === 'OUT' ? 'on_leave' : 'admitted'}`}>
        {label('extractionStatus', latest.status)}
        {latest.overdue ? ` — ${t('extraction.overdue')}` : ''}
      </span>{' '}
      {when}; {latest.requestingAgency} ({latest.documentNumber})
    </Field>
  );
}
