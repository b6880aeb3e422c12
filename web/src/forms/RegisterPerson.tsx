import { gql, type TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { useActing } from '../acting';
import { formatDate, useI18n } from '../i18n';
import { isIdentificationNumber } from '../pages/SearchPage';
import { navigate, routeHref } from '../router';
import type { UnitOption } from '../units';
import { unitOptions, useCommunes, useProvinces } from './communes';
import { ActionForm, type FieldSpec, type FormValues, type SubmitOutcome } from './ActionForm';
import { chosen, useEnumOptions } from './options';
import type {
  RegisterPersonMutation,
  RegisterPersonMutationVariables,
  RegistrationSameNameQuery,
  RegistrationSameNameQueryVariables,
  RegistrationSameNumberQuery,
  RegistrationSameNumberQueryVariables,
  RegisterPersonInput,
  Sex,
} from '../__generated__/operations';

type Candidate = RegistrationSameNameQuery['persons']['nodes'][number];

const SAME_NAME: TypedDocumentNode<RegistrationSameNameQuery, RegistrationSameNameQueryVariables> = gql`
  query RegistrationSameName($name: String!) {
    persons(name: $name, first: 50) {
      nodes {
        id
        fullName
        identificationNumber
        dateOfBirth
      }
    }
  }
`;

const SAME_NUMBER: TypedDocumentNode<RegistrationSameNumberQuery, RegistrationSameNumberQueryVariables> = gql`
  query RegistrationSameNumber($number: IdentificationNumber!) {
    personByIdentificationNumber(number: $number) {
      id
      fullName
      identificationNumber
      dateOfBirth
    }
  }
`;

const REGISTER: TypedDocumentNode<RegisterPersonMutation, RegisterPersonMutationVariables> = gql`
  mutation RegisterPerson($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      id
    }
  }
`;

/** The communes a registration may name as the record's owner: the officer's own, or those of the officer's province. */
function useOwnCommunes(): UnitOption[] | undefined {
  const acting = useActing();
  const own = acting.unit?.level === 'COMMUNE' ? acting.unit : null;
  const provinceCommunes = useCommunes(own ? null : acting.provinceCode);
  return own ? [{ code: own.code, name: own.name }] : provinceCommunes;
}

const identityKey = (v: FormValues): string => [v.fullName?.trim(), v.dateOfBirth, v.identificationNumber?.trim()].join('|');

/** Records that may be this person: the same number, or the same name (diacritics aside) and date of birth. */
function useDuplicateCheck(): (v: FormValues) => Promise<Candidate[]> {
  const client = useApolloClient();
  return async (v) => {
    const [byNumber, byName] = await Promise.all([
      client.query({
        query: SAME_NUMBER,
        variables: { number: (v.identificationNumber ?? '').trim() },
        fetchPolicy: 'network-only',
      }),
      client.query({ query: SAME_NAME, variables: { name: (v.fullName ?? '').trim() }, fetchPolicy: 'network-only' }),
    ]);
    const found = new Map<string, Candidate>();
    const same = byNumber.data?.personByIdentificationNumber;
    if (same) found.set(same.id, same);
    for (const p of byName.data?.persons.nodes ?? []) if (p.dateOfBirth === v.dateOfBirth) found.set(p.id, p);
    return [...found.values()];
  };
}

function registrationInput(v: FormValues): RegisterPersonInput {
  return {
    identificationNumber: (v.identificationNumber ?? '').trim(),
    fullName: (v.fullName ?? '').trim(),
    otherNames: (v.otherNames ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    dateOfBirth: v.dateOfBirth ?? '',
    sex: chosen<Sex>(v.sex),
    ethnicity: (v.ethnicity ?? '').trim(),
    currentResidence: { unitCode: v.currentUnitCode ?? '', addressLine: (v.currentAddressLine ?? '').trim() },
    permanentResidence: { unitCode: v.permanentUnitCode ?? '', addressLine: (v.permanentAddressLine ?? '').trim() },
  };
}

function DuplicateWarning({ candidates, onDifferent }: { candidates: Candidate[]; onDifferent: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="notice notice--warning" role="alert" data-testid="duplicate-warning">
      <p>{t('register.duplicates', { count: String(candidates.length) })}</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <a href={routeHref({ page: 'person', id: c.id })}>{c.fullName}</a> — {c.identificationNumber},{' '}
            {formatDate(c.dateOfBirth)}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--secondary" onClick={onDifferent}>
        {t('register.different')}
      </button>
    </div>
  );
}

/**
 * Đăng ký người: a new person in the police registry, owned by a commune of the officer's
 * unit. Before saving, records with the same number, or the same name and date of birth,
 * are shown; the officer opens one of them or says this is someone else.
 */
export function RegisterPersonForm({ onClose }: { onClose: () => void }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  const client = useApolloClient();
  const findDuplicates = useDuplicateCheck();
  const communes = useOwnCommunes();
  const [province, setProvince] = useState(acting.provinceCode ?? '');
  const provinces = useProvinces();
  const permanentCommunes = useCommunes(province || null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  /** The person (name, birth date, number) the candidates were found for, and the one the officer said is someone else. */
  const [heldFor, setHeldFor] = useState<string | null>(null);
  const [differentFrom, setDifferentFrom] = useState<string | null>(null);
  if (!communes || !provinces) return null;

  const choose = t('form.choosePlaceholder');
  const fields: FieldSpec[] = [
    {
      name: 'identificationNumber',
      label: t('identity.identificationNumber'),
      kind: 'text',
      required: true,
      hint: t('lookup.hint'),
      check: (value) => (isIdentificationNumber(value.trim()) ? null : t('lookup.invalid')),
    },
    { name: 'fullName', label: t('identity.fullName'), kind: 'text', required: true },
    { name: 'otherNames', label: t('identity.otherNames'), kind: 'text', hint: t('register.otherNamesHint') },
    { name: 'dateOfBirth', label: t('identity.dateOfBirth'), kind: 'date', required: true },
    {
      name: 'sex',
      label: t('identity.sex'),
      kind: 'select',
      required: true,
      placeholder: choose,
      options: options('sex', ['MALE', 'FEMALE']),
    },
    { name: 'ethnicity', label: t('identity.ethnicity'), kind: 'text', required: true },
    {
      name: 'currentUnitCode',
      label: t('register.currentCommune'),
      kind: 'select',
      required: true,
      placeholder: choose,
      initial: communes.length === 1 ? communes[0]?.code : undefined,
      options: unitOptions(communes),
    },
    { name: 'currentAddressLine', label: t('register.currentAddress'), kind: 'text', required: true, wide: true },
    {
      name: 'permanentProvince',
      label: t('register.permanentProvince'),
      kind: 'select',
      initial: province,
      options: unitOptions(provinces),
    },
    {
      name: 'permanentUnitCode',
      label: t('register.permanentCommune'),
      kind: 'select',
      required: true,
      placeholder: choose,
      options: unitOptions(permanentCommunes),
      dependsOn: 'permanentProvince',
    },
    { name: 'permanentAddressLine', label: t('register.permanentAddress'), kind: 'text', required: true, wide: true },
  ];

  const submit = async (v: FormValues): Promise<SubmitOutcome> => {
    if (differentFrom !== identityKey(v)) {
      const found = await findDuplicates(v);
      setCandidates(found);
      if (found.length > 0) {
        setHeldFor(identityKey(v));
        return { errors: [], held: true };
      }
    }
    const result = await client.mutate({ mutation: REGISTER, variables: { input: registrationInput(v) }, errorPolicy: 'all' });
    if (result.error) {
      return { errors: CombinedGraphQLErrors.is(result.error) ? result.error.errors : [{ message: result.error.message }] };
    }
    const id = result.data?.registerPerson.id;
    if (id) navigate({ page: 'person', id });
    return { errors: [] };
  };

  return (
    <div className="register-person">
      <ActionForm
        testId="form-register-person"
        title={t('register.title')}
        submitLabel={t('form.save')}
        fields={fields}
        onValuesChange={(v) => {
          if ((v.permanentProvince ?? '') !== province) setProvince(v.permanentProvince ?? '');
          if (identityKey(v) !== heldFor) setCandidates([]);
        }}
        onSubmit={submit}
        onDone={() => undefined}
        onCancel={onClose}
      />
      {candidates.length > 0 && (
        <DuplicateWarning
          candidates={candidates}
          onDifferent={() => {
            setDifferentFrom(heldFor);
            setCandidates([]);
          }}
        />
      )}
    </div>
  );
}
