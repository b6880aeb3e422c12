import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import { dateField, StepMenu } from '../../forms/StepMenu';
import { chosen, useEnumOptions } from '../../forms/options';
import { optional } from '../../forms/useSubmit';
import { formatDate, useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  DossiersForFrontOpinionQuery,
  DossiersForFrontOpinionQueryVariables,
  FrontOpinionKind,
  RecordFrontOpinionMutation,
  RecordFrontOpinionMutationVariables,
} from '../../__generated__/operations';

export const FOR_FRONT_OPINION: TypedDocumentNode<DossiersForFrontOpinionQuery, DossiersForFrontOpinionQueryVariables> = gql`
  query DossiersForFrontOpinion($answered: Boolean!) {
    dossiersForFrontOpinion(answered: $answered) {
      id
      status
      version
      ground
      groundNote
      subjectFullName
      subjectDateOfBirth
      submittedOn
      residenceUnit {
        name
      }
      court {
        name
      }
      decision {
        outcome
        decidedOn
      }
      frontOpinion {
        opinion
        reasoning
        givenOn
      }
    }
  }
`;

const RECORD_FRONT_OPINION: TypedDocumentNode<RecordFrontOpinionMutation, RecordFrontOpinionMutationVariables> = gql`
  mutation RecordFrontOpinion($id: ID!, $expectedVersion: Int!, $input: FrontOpinionInput!) {
    recordFrontOpinion(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      status
      version
    }
  }
`;

type Dossier = DossiersForFrontOpinionQuery['dossiersForFrontOpinion'][number];

/** The one step the committee takes on a dossier: its opinion, confirmed, once. */
function OpinionStep({ dossier, reload }: { dossier: Dossier; reload: () => Promise<unknown> }): ReactNode {
  const { t, label } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  if (!acting.mayAct('DOSSIER_FRONT_OPINION')) return null;
  return (
    <StepMenu
      label={t('front.record')}
      record={dossier}
      reload={reload}
      steps={[
        {
          key: 'front-opinion',
          label: t('front.record'),
          mutation: RECORD_FRONT_OPINION,
          fields: [
            {
              name: 'opinion',
              label: t('front.opinion'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('frontOpinion', ['AGREE', 'DISAGREE']),
            },
            { name: 'reasoning', label: t('front.reasoning'), kind: 'textarea', hint: t('front.reasoningHint') },
            dateField('givenOn', t('front.givenOn')),
          ],
          confirm: (v) =>
            t('front.confirm', {
              opinion: label('frontOpinion', v.opinion ?? ''),
              name: dossier.subjectFullName,
              date: formatDate(v.givenOn),
            }),
          variables: (v) => ({
            input: {
              opinion: chosen<FrontOpinionKind>(v.opinion),
              reasoning: optional(v.reasoning),
              givenOn: optional(v.givenOn),
            },
          }),
        },
      ]}
    />
  );
}

/**
 * Ủy ban Mặt trận Tổ quốc cấp xã: the commune's compulsory dossiers sent to the court and not
 * yet decided, with the form of the committee's opinion; then those it gave an opinion on.
 * The committee reads the dossier's own record of the person (name, date of birth), not the
 * registry, so no row opens a Person-360 page.
 */
export function FrontWorklist(): ReactNode {
  const { t, label } = useI18n();
  const awaiting = useQuery(FOR_FRONT_OPINION, { variables: { answered: false }, fetchPolicy: 'no-cache' });
  const answered = useQuery(FOR_FRONT_OPINION, { variables: { answered: true }, fetchPolicy: 'no-cache' });
  const reload = () => Promise.all([awaiting.refetch(), answered.refetch()]);
  const person = [
    { header: t('identity.fullName'), cell: (r: Dossier) => r.subjectFullName },
    { header: t('front.dateOfBirth'), cell: (r: Dossier) => formatDate(r.subjectDateOfBirth) },
    { header: t('field.ground'), cell: (r: Dossier) => label('dossierGround', r.ground) },
  ];
  return (
    <>
      <WorklistSection
        title={t('front.awaiting')}
        testId="worklist-front-awaiting"
        note={t('front.intro')}
        loading={awaiting.loading}
        error={awaiting.error}
        rows={awaiting.data?.dossiersForFrontOpinion}
        rowKey={(r) => r.id}
        columns={[
          ...person,
          { header: t('field.residenceUnit'), cell: (r) => r.residenceUnit.name },
          { header: t('front.sentOn'), cell: (r) => formatDate(r.submittedOn) || '—' },
          { header: t('field.court'), cell: (r) => r.court?.name ?? '—' },
          { header: t('labor.status'), cell: (r) => label('dossierStatus', r.status) },
        ]}
        actions={(r) => <OpinionStep dossier={r} reload={reload} />}
      />
      <WorklistSection
        title={t('front.answered')}
        testId="worklist-front-answered"
        loading={answered.loading}
        error={answered.error}
        rows={answered.data?.dossiersForFrontOpinion}
        rowKey={(r) => r.id}
        columns={[
          ...person,
          { header: t('front.opinion'), cell: (r) => (r.frontOpinion ? label('frontOpinion', r.frontOpinion.opinion) : '—') },
          { header: t('front.reasoning'), cell: (r) => r.frontOpinion?.reasoning ?? '—' },
          { header: t('front.givenOn'), cell: (r) => formatDate(r.frontOpinion?.givenOn) },
          { header: t('labor.status'), cell: (r) => label('dossierStatus', r.status) },
        ]}
      />
    </>
  );
}
