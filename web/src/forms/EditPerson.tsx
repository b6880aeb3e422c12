import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { isIdentificationNumber } from '../pages/SearchPage';
import { ActionForm, type FieldSpec, type FormValues, type PersonFormProps } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { unitOptions, useCommunes, useProvinces } from './communes';
import { chosen, useEnumOptions } from './options';
import { useSubmit } from './useSubmit';
import type {
  EditablePersonQuery,
  EditablePersonQueryVariables,
  UpdatePersonMutation,
  UpdatePersonMutationVariables,
  UpdatePersonInput,
  Sex,
} from '../__generated__/operations';

const EDITABLE_PERSON: TypedDocumentNode<EditablePersonQuery, EditablePersonQueryVariables> = gql`
  query EditablePerson($id: ID!) {
    person(id: $id) {
      id
      version
      identificationNumber
      fullName
      otherNames
      dateOfBirth
      sex
      ethnicity
      permanentResidence {
        addressLine
        unit {
          code
          path
        }
      }
      currentResidence {
        addressLine
      }
    }
  }
`;

const UPDATE_PERSON: TypedDocumentNode<UpdatePersonMutation, UpdatePersonMutationVariables> = gql`
  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: UpdatePersonInput!) {
    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

type Person = NonNullable<EditablePersonQuery['person']>;

/** Only what the officer changed is sent (the rest stays as it is). */
function changes(person: Person, v: FormValues): UpdatePersonInput {
  const input: UpdatePersonInput = {};
  const text = (name: string): string => (v[name] ?? '').trim();
  const scalar = (name: 'identificationNumber' | 'fullName' | 'dateOfBirth' | 'ethnicity', value: string): void => {
    if (value !== (person[name] ?? '')) input[name] = value;
  };
  scalar('identificationNumber', text('identificationNumber'));
  scalar('fullName', text('fullName'));
  scalar('dateOfBirth', v.dateOfBirth ?? '');
  scalar('ethnicity', text('ethnicity'));
  if ((v.sex ?? '') !== (person.sex ?? '')) input.sex = chosen<Sex>(v.sex);
  const otherNames = text('otherNames')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (otherNames.join(',') !== (person.otherNames ?? []).join(',')) input.otherNames = otherNames;
  if (text('currentAddressLine') !== (person.currentResidence?.addressLine ?? ''))
    input.currentAddressLine = text('currentAddressLine');
  const permanent = { unitCode: v.permanentUnitCode ?? '', addressLine: text('permanentAddressLine') };
  if (
    permanent.unitCode !== (person.permanentResidence?.unit.code ?? '') ||
    permanent.addressLine !== (person.permanentResidence?.addressLine ?? '')
  )
    input.permanentResidence = permanent;
  return input;
}

function EditPersonForm({ personId, onDone, onCancel }: PersonFormProps): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const { data, refetch } = useQuery(EDITABLE_PERSON, { variables: { id: personId }, fetchPolicy: 'network-only' });
  const person = data?.person ?? null;
  // What the officer saw on opening: only fields changed from it are sent, so a colleague's
  // change loaded after a conflict is not overwritten with the old value still in the form.
  const [opened, setOpened] = useState<Person | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the first loaded record is kept once, as the baseline
    if (person && !opened) setOpened(person);
  }, [person, opened]);
  const [province, setProvince] = useState<string | null>(null);
  const shownProvince = province ?? person?.permanentResidence?.unit.path.split('.')[0] ?? null;
  const provinces = useProvinces();
  const communes = useCommunes(shownProvince);
  if (!person || !opened || !provinces || !communes) return null;
  const fields: FieldSpec[] = [
    {
      name: 'identificationNumber',
      label: t('identity.identificationNumber'),
      kind: 'text',
      required: true,
      initial: person.identificationNumber,
      check: (value) => (isIdentificationNumber(value.trim()) ? null : t('lookup.invalid')),
    },
    { name: 'fullName', label: t('identity.fullName'), kind: 'text', required: true, initial: person.fullName },
    {
      name: 'otherNames',
      label: t('identity.otherNames'),
      kind: 'text',
      initial: (person.otherNames ?? []).join(', '),
      hint: t('register.otherNamesHint'),
    },
    { name: 'dateOfBirth', label: t('identity.dateOfBirth'), kind: 'date', required: true, initial: person.dateOfBirth },
    {
      name: 'sex',
      label: t('identity.sex'),
      kind: 'select',
      required: true,
      initial: person.sex ?? '',
      options: options('sex', ['MALE', 'FEMALE']),
    },
    { name: 'ethnicity', label: t('identity.ethnicity'), kind: 'text', required: true, initial: person.ethnicity ?? '' },
    {
      name: 'currentAddressLine',
      label: t('register.currentAddress'),
      kind: 'text',
      required: true,
      wide: true,
      initial: person.currentResidence?.addressLine ?? '',
      hint: t('edit.currentAddressHint'),
    },
    {
      name: 'permanentProvince',
      label: t('register.permanentProvince'),
      kind: 'select',
      initial: shownProvince ?? '',
      options: unitOptions(provinces),
    },
    {
      name: 'permanentUnitCode',
      label: t('register.permanentCommune'),
      kind: 'select',
      required: true,
      placeholder: t('form.choosePlaceholder'),
      initial: person.permanentResidence?.unit.code ?? '',
      options: unitOptions(communes),
      dependsOn: 'permanentProvince',
    },
    {
      name: 'permanentAddressLine',
      label: t('register.permanentAddress'),
      kind: 'text',
      required: true,
      wide: true,
      initial: person.permanentResidence?.addressLine ?? '',
    },
  ];
  return (
    <ActionForm
      testId="form-edit-person"
      title={t('edit.title')}
      submitLabel={t('form.save')}
      fields={fields}
      onValuesChange={(v) => {
        if ((v.permanentProvince ?? '') !== shownProvince) setProvince(v.permanentProvince ?? '');
      }}
      onSubmit={(v) => submit(UPDATE_PERSON, { id: personId, expectedVersion: person.version, input: changes(opened, v) })}
      onDone={onDone}
      onReload={() => refetch()}
      onCancel={onCancel}
    />
  );
}

/** Sửa nhân thân: registrars (ward police, commune officials) correct a person's identity; a move goes through its own step. */
export function EditPersonAction({
  personId,
  role,
  reload,
}: {
  personId: string;
  role: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  if (role !== 'police_officer' && role !== 'commune_official') return null;
  const actions: MenuAction[] = [
    {
      key: 'edit-person',
      label: t('edit.title'),
      render: (close) => <EditPersonForm personId={personId} onDone={reload} onCancel={close} />,
    },
  ];
  return <ActionMenu label={t('edit.title')} actions={actions} />;
}
