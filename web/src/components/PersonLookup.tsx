import { useId, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n';

const IDENTIFICATION_NUMBER = /^\d{12}$/;

export function isIdentificationNumber(value: string): boolean {
  return IDENTIFICATION_NUMBER.test(value);
}

interface PersonLookupProps {
  onLookup: (number: string) => void;
  busy?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}

/** "Số định danh cá nhân": exactly 12 digits, checked before any request is sent. */
export function PersonLookup({ onLookup, busy = false, inputRef }: PersonLookupProps): ReactNode {
  const { t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);

  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const number = value.replace(/\s+/g, '');
    if (!isIdentificationNumber(number)) {
      setInvalid(true);
      inputRef?.current?.focus();
      return;
    }
    setInvalid(false);
    setValue(number);
    onLookup(number);
  };

  return (
    <form className="lookup" role="search" onSubmit={handleSubmit} noValidate aria-label={t('lookup.heading')}>
      <div className="form-field">
        <label htmlFor={inputId}>{t('lookup.label')}</label>
        <div className="lookup__row">
          <input
            ref={inputRef}
            id={inputId}
            name="identificationNumber"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            pattern="[0-9]{12}"
            maxLength={20}
            className="input input--mono"
            value={value}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => {
              setValue(event.target.value);
              if (invalid && isIdentificationNumber(event.target.value.replace(/\s+/g, ''))) setInvalid(false);
            }}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('lookup.submit')}
          </button>
        </div>
        <p id={hintId} className="form-field__hint">
          {t('lookup.hint')}
        </p>
        {invalid && (
          <p id={errorId} className="form-field__error" role="alert">
            {t('lookup.invalid')}
          </p>
        )}
      </div>
    </form>
  );
}
