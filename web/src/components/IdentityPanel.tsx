import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { DATED_UNIT_FRAGMENT, UnitName } from '../units';
import { Field, Guarded, Panel, type PanelState } from './Panel';
import type { IdentityPanel_personFragment } from '../__generated__/operations';

export const IDENTITY_PANEL_FRAGMENT = gql`
  fragment IdentityPanel_person on Person {
    id
    identificationNumber
    fullName
    otherNames
    dateOfBirth
    sex
    ethnicity
    permanentResidence {
      addressLine
      unit {
        ...DatedUnit
      }
    }
    currentResidence {
      addressLine
      unit {
        ...DatedUnit
      }
    }
  }
  ${DATED_UNIT_FRAGMENT}
`;

export type Residence = NonNullable<IdentityPanel_personFragment['currentResidence']>;

/** Police data: the identity header. Every field may be null when its resolver failed. */
export type IdentityPanel_person = IdentityPanel_personFragment;

const FIELDS = [
  'identificationNumber',
  'fullName',
  'otherNames',
  'dateOfBirth',
  'sex',
  'ethnicity',
  'permanentResidence',
  'currentResidence',
] as const satisfies readonly (keyof IdentityPanel_person)[];

function ResidenceText({ residence }: { residence: Residence }): ReactNode {
  return (
    <>
      {residence.addressLine}
      {residence.addressLine ? ', ' : ''}
      <UnitName unit={residence.unit} />
    </>
  );
}

function IdentityBody({
  person,
  errors,
  path,
}: {
  person: IdentityPanel_person;
  errors: GraphQLErrors;
  path: ResponsePath;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <>
      <p className="identity__name">
        <Guarded errors={errors} path={[...path, 'fullName']} value={person.fullName}>
          {(name) => name}
        </Guarded>
      </p>
      <dl className="fields fields--identity">
        <Field label={t('identity.identificationNumber')}>
          <Guarded errors={errors} path={[...path, 'identificationNumber']} value={person.identificationNumber}>
            {(number) => <span className="mono">{number}</span>}
          </Guarded>
        </Field>
        <Field label={t('identity.otherNames')}>
          <Guarded errors={errors} path={[...path, 'otherNames']} value={person.otherNames}>
            {(names) => names.join(', ')}
          </Guarded>
        </Field>
        <Field label={t('identity.dateOfBirth')}>
          <Guarded errors={errors} path={[...path, 'dateOfBirth']} value={person.dateOfBirth}>
            {(date) => formatDate(date)}
          </Guarded>
        </Field>
        <Field label={t('identity.sex')}>
          <Guarded errors={errors} path={[...path, 'sex']} value={person.sex}>
            {(sex) => label('sex', sex)}
          </Guarded>
        </Field>
        <Field label={t('identity.ethnicity')}>
          <Guarded errors={errors} path={[...path, 'ethnicity']} value={person.ethnicity}>
            {(ethnicity) => ethnicity}
          </Guarded>
        </Field>
        <Field label={t('identity.permanentResidence')} wide>
          <Guarded errors={errors} path={[...path, 'permanentResidence']} value={person.permanentResidence}>
            {(residence) => <ResidenceText residence={residence} />}
          </Guarded>
        </Field>
        <Field label={t('identity.currentResidence')} wide>
          <Guarded errors={errors} path={[...path, 'currentResidence']} value={person.currentResidence}>
            {(residence) => <ResidenceText residence={residence} />}
          </Guarded>
        </Field>
      </dl>
    </>
  );
}

export function IdentityPanel({ state }: { state: PanelState<IdentityPanel_person> }): ReactNode {
  const { t } = useI18n();
  return (
    <Panel
      testId="panel-police"
      className="panel--identity"
      title={t('panel.police')}
      agency="police"
      state={state}
      fields={FIELDS}
      isEmpty={() => false}
    >
      {(person, errors, path) => <IdentityBody person={person} errors={errors} path={path} />}
    </Panel>
  );
}
