import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type SubmitEvent, type ReactNode } from 'react';
import type { Officer } from '../../auth';
import { errorCode, localizedMessage } from '../../graphqlErrors';
import { today, useSubmit } from '../../forms/useSubmit';
import { chosen } from '../../forms/options';
import { useI18n } from '../../i18n';
import type { GraphQLFormattedError } from 'graphql';
import { PersonLink, WorklistSection } from './WorklistSection';
import { settled } from '../../apollo';
import { DateInput, isIsoDate } from '../../components/DateInput';
import type {
  ClinicsQuery,
  ClinicsQueryVariables,
  DoseKind,
  MissedDoseStreaksQuery,
  MissedDoseStreaksQueryVariables,
  RecordClinicDosesMutation,
  RecordClinicDosesMutationVariables,
} from '../../__generated__/operations';

type Streak = MissedDoseStreaksQuery['missedDoseStreaks'][number];

const STREAKS: TypedDocumentNode<MissedDoseStreaksQuery, MissedDoseStreaksQueryVariables> = gql`
  query MissedDoseStreaks($clinicCode: ID!, $asOf: Date, $minDays: Int) {
    missedDoseStreaks(clinicCode: $clinicCode, asOf: $asOf, minDays: $minDays) {
      personId
      person {
        id
        fullName
        dateOfBirth
      }
      lastDoseOn
      days
      treatment {
        id
        phase
        medication
        enrolledOn
      }
    }
  }
`;

type DispensingPoint = ClinicsQuery['clinics'][number]['dispensingPoints'][number];

const CLINICS: TypedDocumentNode<ClinicsQuery, ClinicsQueryVariables> = gql`
  query Clinics($unitCode: ID) {
    clinics(unitCode: $unitCode) {
      code
      name
      dispensingPoints {
        code
        name
      }
    }
  }
`;

const RECORD_DOSES: TypedDocumentNode<RecordClinicDosesMutation, RecordClinicDosesMutationVariables> = gql`
  mutation RecordClinicDoses($clinicCode: ID!, $date: Date!, $doses: [DoseInput!]!) {
    recordClinicDoses(clinicCode: $clinicCode, date: $date, doses: $doses) {
      clinicCode
      date
      recorded
    }
  }
`;

interface DoseRow {
  give: boolean;
  mg: string;
  kind: string;
  dispensingPointCode: string;
}

function rowFieldError(
  errors: readonly GraphQLFormattedError[],
  index: number,
  field: string,
  locale: 'vi' | 'en',
): string | null {
  const hit = errors.find((e) => e.extensions?.field === `doses.${index}.${field}`);
  return hit ? localizedMessage(hit, locale) : null;
}

/**
 * How a patient is named in the clinic's lists: full name and date of birth from the registry
 * (read through the clinic's care relation); the treatment only when the name cannot be read.
 */
function patientName(
  streak: Streak,
  label: ReturnType<typeof useI18n>['label'],
  formatDate: ReturnType<typeof useI18n>['formatDate'],
): string {
  if (streak.person) return `${streak.person.fullName} (${formatDate(streak.person.dateOfBirth)})`;
  return `${label('medication', streak.treatment.medication)} — ${label('treatmentPhase', streak.treatment.phase)}`;
}

/** Sổ cấp thuốc: a clinic's whole day of doses in one submission (all or nothing). */
function DoseDayForm({
  clinicCode,
  date,
  patients,
  points,
  onDone,
}: {
  clinicCode: string;
  date: string;
  patients: Streak[];
  points: DispensingPoint[];
  onDone: () => void;
}): ReactNode {
  const { t, label, locale, formatDate } = useI18n();
  const baseId = useId();
  const submit = useSubmit();
  const [rows, setRows] = useState<Record<string, DoseRow>>({});
  const [errors, setErrors] = useState<readonly GraphQLFormattedError[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const rowOf = (id: string): DoseRow =>
    rows[id] ?? { give: false, mg: '', kind: 'WITNESSED', dispensingPointCode: points[0]?.code ?? '' };
  const update = (id: string, patch: Partial<DoseRow>): void =>
    setRows((prev) => ({ ...prev, [id]: { ...rowOf(id), ...patch } }));
  const given = patients.filter((p) => rowOf(p.personId).give);

  const send = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const doses = given.map((p) => {
      const r = rowOf(p.personId);
      return {
        personId: p.personId,
        mg: Number(r.mg || 'NaN'),
        kind: chosen<DoseKind>(r.kind),
        dispensingPointCode: r.dispensingPointCode,
      };
    });
    const outcome = await submit(RECORD_DOSES, { clinicCode, date, doses });
    setBusy(false);
    setErrors(outcome.errors);
    if (outcome.errors.length === 0) {
      setSaved(doses.length);
      setRows({});
      onDone();
    } else setSaved(null);
  };

  const general = errors.filter((e) => typeof e.extensions?.field !== 'string' || !e.extensions.field.startsWith('doses.'));
  return (
    <form
      className="action-form"
      aria-label={t('action.doseDay')}
      onSubmit={(e) => void send(e)}
      noValidate
      data-testid="form-dose-day"
    >
      <h3 className="action-form__title">{t('action.doseDay')}</h3>
      {saved !== null && (
        <p className="notice notice--success" role="status">
          {t('health.dosesSaved', { count: String(saved) })}
        </p>
      )}
      {errors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {[...new Set((general.length > 0 ? general : errors).map((e) => localizedMessage(e, locale)))].map((m) => (
            <p key={m}>{m}</p>
          ))}
          {errors.some((e) => errorCode(e) === 'BAD_USER_INPUT') && (
            <p className="notice__detail">{t('health.nothingRecorded')}</p>
          )}
        </div>
      )}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('health.patient')}</th>
              <th scope="col">{t('health.give')}</th>
              <th scope="col">{t('field.mg')}</th>
              <th scope="col">{t('field.doseKind')}</th>
              <th scope="col">{t('field.dispensingPoint')}</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((p) => {
              const r = rowOf(p.personId);
              const index = given.indexOf(p);
              const err = (field: string): string | null => (index >= 0 ? rowFieldError(errors, index, field, locale) : null);
              const id = `${baseId}-${p.personId}`;
              const name = patientName(p, label, formatDate);
              return (
                <tr key={p.personId}>
                  <th scope="row">
                    <PersonLink id={p.personId} name={name} />
                    {err('personId') && (
                      <p className="form-field__error" role="alert">
                        {err('personId')}
                      </p>
                    )}
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('health.give')}: ${name}`}
                      checked={r.give}
                      onChange={(e) => update(p.personId, { give: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      id={`${id}-mg`}
                      className="input input--narrow"
                      type="number"
                      step="any"
                      aria-label={`${t('field.mg')}: ${name}`}
                      value={r.mg}
                      aria-invalid={err('mg') ? true : undefined}
                      aria-describedby={err('mg') ? `${id}-mg-error` : undefined}
                      onChange={(e) => update(p.personId, { mg: e.target.value })}
                    />
                    {err('mg') && (
                      <p id={`${id}-mg-error`} className="form-field__error" role="alert">
                        {err('mg')}
                      </p>
                    )}
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label={`${t('field.doseKind')}: ${name}`}
                      value={r.kind}
                      onChange={(e) => update(p.personId, { kind: e.target.value })}
                    >
                      {['WITNESSED', 'TAKE_HOME'].map((k) => (
                        <option key={k} value={k}>
                          {label('doseKind', k)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label={`${t('field.dispensingPoint')}: ${name}`}
                      value={r.dispensingPointCode}
                      aria-invalid={err('dispensingPointCode') ? true : undefined}
                      onChange={(e) => update(p.personId, { dispensingPointCode: e.target.value })}
                    >
                      {points.map((point) => (
                        <option key={point.code} value={point.code}>
                          {point.name}
                        </option>
                      ))}
                    </select>
                    {err('dispensingPointCode') && (
                      <p className="form-field__error" role="alert">
                        {err('dispensingPointCode')}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="action-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || given.length === 0}>
          {busy ? t('form.sending') : t('health.recordDoses', { count: String(given.length) })}
        </button>
      </div>
    </form>
  );
}

/** Y tế: missed-dose alerts and the day's dose book of a clinic. */
export function HealthWorklists({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const selectId = useId();
  const dateId = useId();
  const clinics = useQuery(CLINICS, { variables: { unitCode: officer.unitCode } });
  const [chosen, setChosen] = useState<string | null>(null);
  // What the field shows; the lists follow the last complete date typed.
  const [typedDate, setTypedDate] = useState(today());
  const [date, setDate] = useState(today());
  const clinic = clinics.data?.clinics.find((c) => c.code === chosen) ?? clinics.data?.clinics[0] ?? null;
  const clinicCode = clinic?.code ?? null;
  const streaks = useQuery(STREAKS, {
    variables: { clinicCode: clinicCode ?? '', asOf: null, minDays: 3 },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !clinicCode,
  });
  const awaiting = useQuery(STREAKS, {
    variables: { clinicCode: clinicCode ?? '', asOf: date, minDays: 1 },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !clinicCode,
  });
  if (clinics.loading)
    return (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  if (!clinic || !clinicCode) return <p className="state state--empty">{t('health.noClinic')}</p>;
  return (
    <>
      <div className="toolbar">
        <div className="form-field">
          <label htmlFor={selectId}>{t('health.clinic')}</label>
          <select id={selectId} className="input" value={clinicCode} onChange={(e) => setChosen(e.target.value)}>
            {(clinics.data?.clinics ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={dateId}>{t('field.doseDate')}</label>
          <DateInput
            id={dateId}
            className="input"
            value={typedDate}
            onChange={(value) => {
              setTypedDate(value);
              if (isIsoDate(value)) setDate(value);
            }}
          />
        </div>
      </div>
      <WorklistSection
        title={t('worklist.missedDoses')}
        testId="worklist-missed-doses"
        loading={streaks.loading}
        error={streaks.error}
        rows={streaks.data?.missedDoseStreaks}
        rowKey={(r) => r.personId}
        columns={[
          {
            header: t('health.patient'),
            cell: (r) => <PersonLink id={r.personId} name={r.person?.fullName ?? label('medication', r.treatment.medication)} />,
          },
          { header: t('identity.dateOfBirth'), cell: (r) => formatDate(r.person?.dateOfBirth ?? null) || '—' },
          { header: t('health.phase'), cell: (r) => label('treatmentPhase', r.treatment.phase) },
          { header: t('health.lastDoseOn'), cell: (r) => formatDate(r.lastDoseOn) || '—' },
          { header: t('health.missedDays'), cell: (r) => String(r.days) },
        ]}
      />
      <section className="panel" aria-label={t('action.doseDay')}>
        <div className="panel__body">
          {awaiting.loading && (
            <p className="state state--loading" role="status">
              {t('state.loading')}
            </p>
          )}
          {awaiting.data?.missedDoseStreaks.length === 0 && <p className="state state--empty">{t('health.allDosed')}</p>}
          {awaiting.data && awaiting.data.missedDoseStreaks.length > 0 && clinic.dispensingPoints.length === 0 && (
            <p className="state state--empty">{t('health.noDispensingPoint')}</p>
          )}
          {awaiting.data && awaiting.data.missedDoseStreaks.length > 0 && clinic.dispensingPoints.length > 0 && (
            <DoseDayForm
              key={`${clinicCode}-${date}`}
              clinicCode={clinicCode}
              date={date}
              patients={awaiting.data.missedDoseStreaks}
              points={clinic.dispensingPoints}
              onDone={() => {
                awaiting.refetch().catch(settled);
                streaks.refetch().catch(settled);
              }}
            />
          )}
        </div>
      </section>
    </>
  );
}
