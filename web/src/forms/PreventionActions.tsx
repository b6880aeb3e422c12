import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import type { Officer } from '../auth';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { chosen, useEnumOptions } from './options';
import { optional, today, useSubmit } from './useSubmit';
import type {
  LinkPersonAtRiskFromPersonMutation,
  LinkPersonAtRiskFromPersonMutationVariables,
  PreventionServiceKind,
  RecordPreventionServiceForPersonMutation,
  RecordPreventionServiceForPersonMutationVariables,
  UnlinkedPeopleAtRiskQuery,
  UnlinkedPeopleAtRiskQueryVariables,
} from '../__generated__/operations';

const UNLINKED: TypedDocumentNode<UnlinkedPeopleAtRiskQuery, UnlinkedPeopleAtRiskQueryVariables> = gql`
  query UnlinkedPeopleAtRisk($unitCode: ID!) {
    peopleAtRisk(unitCode: $unitCode) {
      id
      fullName
      birthYear
      listedOn
      linkedOn
      version
    }
  }
`;

const LINK: TypedDocumentNode<LinkPersonAtRiskFromPersonMutation, LinkPersonAtRiskFromPersonMutationVariables> = gql`
  mutation LinkPersonAtRiskFromPerson($id: ID!, $expectedVersion: Int!, $personId: ID!, $linkedOn: Date!) {
    linkPersonAtRisk(id: $id, expectedVersion: $expectedVersion, personId: $personId, linkedOn: $linkedOn) {
      id
      version
    }
  }
`;

const SERVE: TypedDocumentNode<RecordPreventionServiceForPersonMutation, RecordPreventionServiceForPersonMutationVariables> = gql`
  mutation RecordPreventionServiceForPerson($personId: ID!, $input: PreventionServiceInput!) {
    recordPreventionServiceForPerson(personId: $personId, input: $input) {
      id
    }
  }
`;

const SERVICES: readonly PreventionServiceKind[] = ['RISK_SCREENING', 'COUNSELLING', 'LEGAL_AID', 'REFERRAL'];
/** The commune's prevention officers who open a person's record: its police and officials. */
const ACTORS: ReadonlySet<string> = new Set(['police_officer', 'commune_official']);

/** The commune's list, loaded when the form opens (each name read is audited): its entries not yet linked. */
function LinkForm({
  personId,
  unitCode,
  onDone,
  onCancel,
}: {
  personId: string;
  unitCode: string;
  onDone: () => unknown;
  onCancel: () => void;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  const { data } = useQuery(UNLINKED, { variables: { unitCode }, fetchPolicy: 'no-cache' });
  const entries = (data?.peopleAtRisk ?? []).filter((e) => !e.linkedOn);
  return (
    <ActionForm
      testId="form-person-at-risk-link"
      title={t('atRisk.link')}
      submitLabel={t('form.save')}
      fields={[
        {
          name: 'id',
          label: t('atRisk.entry'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          hint: t('atRisk.personIdHint'),
          options: entries.map((e) => ({
            value: e.id,
            label: `${e.fullName} (${String(e.birthYear)}), ${t('atRisk.listedOn').toLocaleLowerCase()} ${formatDate(e.listedOn)}`,
          })),
        },
        { name: 'linkedOn', label: t('atRisk.linkedOnField'), kind: 'date', required: true, initial: today() },
      ]}
      onSubmit={(v) => {
        const entry = entries.find((e) => e.id === v.id);
        return submit(LINK, { id: v.id ?? '', expectedVersion: entry?.version ?? 0, personId, linkedOn: v.linkedOn ?? '' });
      }}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

/** Phòng ngừa: a prevention service given to the person, and the link from the commune's list of people at risk. */
export function PreventionActions({
  personId,
  officer,
  reload,
}: {
  personId: string;
  officer: Officer;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const acting = useActing();
  if (!ACTORS.has(officer.role) || acting.unit?.level !== 'COMMUNE') return null;
  const actions: MenuAction[] = [
    {
      key: 'person-prevention-service',
      label: t('atRisk.serve'),
      render: (close) => (
        <ActionForm
          testId="form-person-prevention-service"
          title={t('atRisk.serve')}
          submitLabel={t('form.save')}
          fields={[
            {
              name: 'kind',
              label: t('atRisk.serviceKind'),
              kind: 'select',
              required: true,
              options: options('preventionServiceKind', SERVICES),
            },
            { name: 'providedOn', label: t('atRisk.providedOn'), kind: 'date', required: true, initial: today() },
            { name: 'note', label: t('atRisk.note'), kind: 'text' },
          ]}
          onSubmit={(v) =>
            submit(SERVE, {
              personId,
              input: { kind: chosen<PreventionServiceKind>(v.kind), providedOn: v.providedOn ?? '', note: optional(v.note) },
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    },
    {
      key: 'person-at-risk-link',
      label: t('atRisk.linkFromPerson'),
      render: (close) => <LinkForm personId={personId} unitCode={officer.unitCode} onDone={reload} onCancel={close} />,
    },
  ];
  return <ActionMenu label={t('atRisk.actions')} actions={actions} />;
}
