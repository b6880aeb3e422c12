import type { GraphQLFormattedError } from 'graphql';
import { useId, useState, type SubmitEvent, type ReactNode } from 'react';
import { errorCode, localizedMessage, requestIdLines } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { settled } from '../apollo';
import { DateInput, isIsoDate } from '../components/DateInput';

export type FieldKind = 'text' | 'textarea' | 'date' | 'number' | 'select' | 'checkboxes';

export interface FieldSpec {
  /** The argument or input field name, matched against the server's `extensions.field`. */
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  initial?: string;
  hint?: string;
  /**
   * A select with nothing chosen until the officer chooses (legal grounds, outcomes): the
   * text of its empty first option. Sending without a choice is refused beside the field.
   */
  placeholder?: string;
  /** Across the whole form (a select of long legal texts). */
  wide?: boolean;
  /** Emptied when that field changes (a commune once its province changes). */
  dependsOn?: string;
  /** A check made before sending (the form of a number): the problem, or null. */
  check?: (value: string) => string | null;
}

export type FormValues = Record<string, string>;

/** A form about one person, opened from the person's actions. */
export interface PersonFormProps {
  personId: string;
  /** After a success (e.g. the page's reload). */
  onDone: () => unknown;
  onCancel: () => void;
}

/** What a submit returns: the GraphQL errors of the mutation (none on success). */
export interface SubmitOutcome {
  errors: readonly GraphQLFormattedError[];
  /** Nothing was sent: the caller shows why beside the form (e.g. possible duplicates to look at first). */
  held?: boolean;
}

interface ActionFormProps {
  title: string;
  submitLabel: string;
  fields: readonly FieldSpec[];
  onSubmit: (values: FormValues) => Promise<SubmitOutcome>;
  /** Called after a successful submit (e.g. to refetch the record). */
  /** After a success; a returned promise (a reload) is settled here: its failure shows in the reloaded queries. */
  onDone: () => unknown;
  /** Reloads the record after an edit conflict; the values typed are kept. */
  onReload?: () => Promise<unknown>;
  onCancel?: () => void;
  testId?: string;
  /**
   * What the step will do, shown for confirmation before anything is sent (legal and
   * administrative steps); null sends at once.
   */
  confirm?: (values: FormValues) => string | null;
  /** Told of every change (a field whose options depend on another). */
  onValuesChange?: (values: FormValues) => void;
}

const CONFLICT = 'CONFLICT';

/** The last segment of `extensions.field` ("input.dueOn" → "dueOn"). */
function fieldOf(error: GraphQLFormattedError): string | undefined {
  const field = error.extensions?.field;
  return typeof field === 'string' ? field.split('.').pop() : undefined;
}

function initialValues(fields: readonly FieldSpec[]): FormValues {
  const first = (f: FieldSpec): string =>
    f.kind === 'select' && f.placeholder === undefined ? (f.options?.[0]?.value ?? '') : '';
  return Object.fromEntries(fields.map((f) => [f.name, f.initial ?? first(f)]));
}

/** What the form itself refuses before sending: a choice not made, a date not written dd/mm/yyyy. */
function localProblems(
  fields: readonly FieldSpec[],
  values: FormValues,
  t: ReturnType<typeof useI18n>['t'],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const value = values[f.name] ?? '';
    if (f.kind === 'select' && f.placeholder !== undefined && f.required && value === '') problems[f.name] = t('form.choose');
    // A required text left blank is said beside it before a legal step asks for confirmation.
    if ((f.kind === 'text' || f.kind === 'textarea') && f.required && value.trim() === '') problems[f.name] = t('form.fillIn');
    if (f.kind === 'date' && value !== '' && !isIsoDate(value)) problems[f.name] = t('form.dateFormat');
    const problem = value === '' ? null : (f.check?.(value) ?? null);
    if (problem) problems[f.name] = problem;
  }
  return problems;
}

function Input({
  spec,
  id,
  value,
  onChange,
  described,
  invalid,
}: {
  spec: FieldSpec;
  id: string;
  value: string;
  onChange: (value: string) => void;
  described: string | undefined;
  invalid: boolean;
}): ReactNode {
  const common = {
    id,
    name: spec.name,
    className: 'input',
    value,
    required: spec.required,
    'aria-invalid': invalid || undefined,
    'aria-describedby': described,
  };
  if (spec.kind === 'select') {
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {spec.placeholder !== undefined && (
          <option value="" disabled>
            {spec.placeholder}
          </option>
        )}
        {(spec.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (spec.kind === 'checkboxes') {
    // Several choices in one value, comma-separated.
    const chosen = new Set(value.split(',').filter(Boolean));
    const toggle = (option: string, on: boolean): void => {
      const next = (spec.options ?? []).map((o) => o.value).filter((v) => (v === option ? on : chosen.has(v)));
      onChange(next.join(','));
    };
    return (
      <div
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={described}
        aria-invalid={invalid || undefined}
        className="checkbox-group"
      >
        {(spec.options ?? []).map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              name={spec.name}
              value={o.value}
              checked={chosen.has(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  }
  if (spec.kind === 'textarea') return <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />;
  if (spec.kind === 'date') return <DateInput {...common} onChange={onChange} />;
  return (
    <input
      {...common}
      type={spec.kind}
      step={spec.kind === 'number' ? 'any' : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * A form for one mutation. Server validation errors (`extensions.field`) appear beside their
 * field; a stale version (CONFLICT) is explained and the values typed are kept.
 */
export function ActionForm({
  title,
  submitLabel,
  fields,
  onSubmit,
  onDone,
  onReload,
  onCancel,
  testId,
  confirm,
  onValuesChange,
}: ActionFormProps): ReactNode {
  const { t, locale } = useI18n();
  const baseId = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<readonly GraphQLFormattedError[]>([]);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [done, setDone] = useState(false);
  /** The confirmation question while it is shown. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const names = new Set(fields.map((f) => f.name));
  const fieldErrors = (name: string): string[] => [
    ...(problems[name] ? [problems[name]] : []),
    ...errors.filter((e) => errorCode(e) !== CONFLICT && fieldOf(e) === name).map((e) => localizedMessage(e, locale)),
  ];
  const general = errors.filter((e) => errorCode(e) !== CONFLICT && !names.has(fieldOf(e) ?? ''));

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const found = localProblems(fields, values, t);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setDone(false);
      return;
    }
    const question = confirming === null ? (confirm?.(values) ?? null) : null;
    if (question !== null) {
      setDone(false);
      setConfirming(question);
      return;
    }
    await send();
  };

  const send = async (): Promise<void> => {
    setConfirming(null);
    setBusy(true);
    setDone(false);
    try {
      const outcome = await onSubmit(values);
      setErrors(outcome.errors);
      setConflict(outcome.errors.some((e) => errorCode(e) === CONFLICT));
      if (outcome.errors.length === 0 && !outcome.held) {
        setDone(true);
        Promise.resolve(onDone()).catch(settled);
      }
    } catch (error) {
      setErrors([{ message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  // Saving waits for the reload: sent before it lands, the old version would conflict again.
  const reload = async (): Promise<void> => {
    setBusy(true);
    try {
      await onReload?.();
      setConflict(false);
      setErrors([]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
      <h3 className="action-form__title">{title}</h3>
      {conflict && (
        <div className="notice notice--warning" role="alert" data-testid="conflict-notice">
          <p>{t('form.conflict')}</p>
          <p className="notice__detail">
            {localizedMessage(errors.find((e) => errorCode(e) === CONFLICT) ?? { message: '' }, locale)}
          </p>
          {onReload && (
            <button type="button" className="button button--secondary" onClick={() => void reload().catch(settled)}>
              {t('form.reload')}
            </button>
          )}
        </div>
      )}
      {general.length > 0 && (
        <div className="notice notice--error" role="alert">
          {[...new Set([...general.map((e) => localizedMessage(e, locale)), ...requestIdLines(general, locale)])].map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {done && (
        <p className="notice notice--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <div className="action-form__fields">
        {fields.map((spec) => {
          const id = `${baseId}-${spec.name}`;
          const messages = fieldErrors(spec.name);
          const described = messages.length > 0 ? `${id}-error` : spec.hint ? `${id}-hint` : undefined;
          return (
            <div
              key={spec.name}
              className={
                spec.wide || spec.kind === 'textarea' || spec.kind === 'checkboxes' ? 'form-field form-field--wide' : 'form-field'
              }
            >
              {spec.kind === 'checkboxes' ? (
                <span id={`${id}-label`} className="form-field__label">
                  {spec.label}
                </span>
              ) : (
                <label htmlFor={id}>
                  {spec.label}
                  {spec.required && <span aria-hidden="true"> *</span>}
                </label>
              )}
              <Input
                spec={spec}
                id={id}
                value={values[spec.name] ?? ''}
                described={described}
                invalid={messages.length > 0}
                onChange={(value) => {
                  // A changed answer withdraws the question asked about the old one, and the server's word on the old value.
                  setConfirming(null);
                  setProblems((prev) => Object.fromEntries(Object.entries(prev).filter(([name]) => name !== spec.name)));
                  setErrors((prev) => prev.filter((e) => fieldOf(e) !== spec.name));
                  const next: FormValues = { ...values, [spec.name]: value };
                  for (const f of fields) if (f.dependsOn === spec.name) next[f.name] = '';
                  setValues(next);
                  onValuesChange?.(next);
                }}
              />
              {spec.hint && messages.length === 0 && (
                <p id={`${id}-hint`} className="form-field__hint">
                  {spec.hint}
                </p>
              )}
              {messages.length > 0 && (
                <p id={`${id}-error`} className="form-field__error" role="alert">
                  {messages.join(' ')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {confirming !== null && (
        <div className="notice notice--info" role="alertdialog" aria-label={t('form.confirmTitle')} data-testid="confirm-notice">
          <p>{confirming}</p>
          <div className="action-form__actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void send()}>
              {t('form.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
              {t('form.back')}
            </button>
          </div>
        </div>
      )}
      <div className="action-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || confirming !== null}>
          {busy ? t('form.sending') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('form.close')}
          </button>
        )}
      </div>
    </form>
  );
}
