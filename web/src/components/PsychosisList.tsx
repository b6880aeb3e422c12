import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Field } from './Panel';
import type { HealthPanel_personFragment } from '../__generated__/operations';

export type PsychosisRecord = NonNullable<HealthPanel_personFragment['drugInducedPsychoses']>[number];

/** Loạn thần do sử dụng ma túy tổng hợp: each record's classification, care and end (health workers only). */
export function PsychosisList({ records }: { records: readonly PsychosisRecord[] }): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <ul className="records" data-testid="psychosis-records">
      {records.map((x) => (
        <li className="record" key={x.id}>
          <p className="record__title">
            <span className={`badge badge--${x.status === 'UNDER_CARE' ? 'admitted' : 'completed'}`}>
              {label('psychosisStatus', x.status)}
            </span>
          </p>
          <dl className="fields">
            <Field label={t('psychosis.diagnosedOn')}>{formatDate(x.diagnosedOn)}</Field>
            <Field label={t('psychosis.severity')}>
              {label('psychosisSeverity', x.severity)}
              {x.riskToOthers ? ` — ${t('psychosis.riskToOthers')}` : ''}
            </Field>
            <Field label={t('field.substance')}>{x.substanceClasses.map((c) => label('substanceClass', c)).join(', ')}</Field>
            <Field label={t('psychosis.care')}>
              {label('psychosisCare', x.care)}
              {x.careFacility ? ` (${x.careFacility})` : ''}
            </Field>
            {x.note && <Field label={t('field.note')}>{x.note}</Field>}
            {x.endedOn && (
              <Field label={t('psychosis.endedOn')}>
                {formatDate(x.endedOn)}
                {x.endReason ? ` (${label('psychosisEndReason', x.endReason)})` : ''}
              </Field>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
