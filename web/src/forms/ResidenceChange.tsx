import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { useActing } from '../acting';
import { formatDate, useI18n } from '../i18n';
import { ActionForm, type PersonFormProps } from './ActionForm';
import { unitOptions, useCommunes, useProvinces } from './communes';
import { today, useSubmit } from './useSubmit';
import type {
  PersonResidenceQuery,
  PersonResidenceQueryVariables,
  RecordResidenceChangeMutation,
  RecordResidenceChangeMutationVariables,
} from '../__generated__/operations';

const PERSON_RESIDENCE: TypedDocumentNode<PersonResidenceQuery, PersonResidenceQueryVariables> = gql`
  query PersonResidence($id: ID!) {
    person(id: $id) {
      id
      fullName
      version
      currentResidence {
        addressLine
        unit {
          code
          name
        }
      }
    }
  }
`;

const RECORD_MOVE: TypedDocumentNode<RecordResidenceChangeMutation, RecordResidenceChangeMutationVariables> = gql`
  mutation RecordResidenceChange(
    $personId: ID!
    $expectedVersion: Int!
    $toUnitCode: ID!
    $addressLine: String!
    $movedOn: Date!
  ) {
    recordResidenceChange(
      personId: $personId
      expectedVersion: $expectedVersion
      toUnitCode: $toUnitCode
      addressLine: $addressLine
      movedOn: $movedOn
    ) {
      id
    }
  }
`;

/**
 * Chuyển nơi ở: the person moved to another commune. The record follows the person there
 * (its version as the officer opened it, so a colleague's change is not overwritten), and
 * the receiving commune's police get a transfer notice to acknowledge.
 */
export function ResidenceChangeForm({ personId, onDone, onCancel }: PersonFormProps): ReactNode {
  const { t } = useI18n();
  const acting = useActing();
  const submit = useSubmit();
  const { data, refetch } = useQuery(PERSON_RESIDENCE, { variables: { id: personId }, fetchPolicy: 'network-only' });
  const [province, setProvince] = useState(acting.provinceCode ?? '');
  const provinces = useProvinces();
  const communes = useCommunes(province || null);
  const person = data?.person;
  if (!person || !provinces) return null;
  const communeName = (code: string | undefined): string => communes?.find((c) => c.code === code)?.name ?? code ?? '';
  const from = person.currentResidence ? `${person.currentResidence.addressLine}, ${person.currentResidence.unit.name}` : '—';
  return (
    <ActionForm
      testId="form-residence-change"
      title={t('move.title')}
      submitLabel={t('form.save')}
      fields={[
        { name: 'province', label: t('move.toProvince'), kind: 'select', initial: province, options: unitOptions(provinces) },
        {
          name: 'toUnitCode',
          label: t('move.toCommune'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: unitOptions(communes),
          dependsOn: 'province',
          hint: t('move.from', { from }),
        },
        { name: 'addressLine', label: t('move.address'), kind: 'text', required: true, wide: true },
        { name: 'movedOn', label: t('field.movedOn'), kind: 'date', required: true, initial: today() },
      ]}
      onValuesChange={(v) => {
        if ((v.province ?? '') !== province) setProvince(v.province ?? '');
      }}
      confirm={(v) =>
        t('confirm.move', {
          person: person.fullName,
          commune: communeName(v.toUnitCode),
          date: formatDate(v.movedOn),
        })
      }
      onSubmit={(v) =>
        submit(RECORD_MOVE, {
          personId,
          expectedVersion: person.version,
          toUnitCode: v.toUnitCode ?? '',
          addressLine: (v.addressLine ?? '').trim(),
          movedOn: v.movedOn ?? '',
        })
      }
      onDone={onDone}
      onReload={() => refetch()}
      onCancel={onCancel}
    />
  );
}
