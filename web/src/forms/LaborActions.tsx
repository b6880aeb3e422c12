import { gql, type DocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ActionForm, type FieldSpec, type FormValues } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { useEnumOptions } from './options';
import { numberOf, optional, today, useSubmit } from './useSubmit';

const EPISODE = 'id status version';
const DOSSIER = 'id status version';

const M = {
  grantLeave: gql`mutation GrantLeave($id: ID!, $expectedVersion: Int!, $input: GrantLeaveInput!) {
    grantLeave(id: $id, expectedVersion: $expectedVersion, input: $input) { ${EPISODE} } }`,
  returnFromLeave: gql`mutation ReturnFromLeave($id: ID!, $expectedVersion: Int!, $returnedOn: Date!) {
    returnFromLeave(id: $id, expectedVersion: $expectedVersion, returnedOn: $returnedOn) { ${EPISODE} } }`,
  recordEscape: gql`mutation RecordEscape($id: ID!, $expectedVersion: Int!, $escapedOn: Date!, $note: String) {
    recordEscape(id: $id, expectedVersion: $expectedVersion, escapedOn: $escapedOn, note: $note) { ${EPISODE} } }`,
  returnAfterEscape: gql`mutation ReturnAfterEscape($id: ID!, $expectedVersion: Int!, $returnedOn: Date!) {
    returnAfterEscape(id: $id, expectedVersion: $expectedVersion, returnedOn: $returnedOn) { ${EPISODE} } }`,
  complete: gql`mutation CompleteRehabEpisode($id: ID!, $expectedVersion: Int!, $completedOn: Date!, $certificateNumber: String!) {
    completeRehabEpisode(id: $id, expectedVersion: $expectedVersion, completedOn: $completedOn, certificateNumber: $certificateNumber) { ${EPISODE} } }`,
  submit: gql`mutation SubmitDossier($id: ID!, $expectedVersion: Int!, $submittedOn: Date) {
    submitCompulsoryRehabDossier(id: $id, expectedVersion: $expectedVersion, submittedOn: $submittedOn) { ${DOSSIER} } }`,
  returnDossier: gql`mutation ReturnDossier($id: ID!, $expectedVersion: Int!, $reason: String!) {
    returnDossierForCorrection(id: $id, expectedVersion: $expectedVersion, reason: $reason) { ${DOSSIER} } }`,
  forward: gql`mutation ForwardDossier($id: ID!, $expectedVersion: Int!, $forwardedOn: Date) {
    forwardDossierToCourt(id: $id, expectedVersion: $expectedVersion, forwardedOn: $forwardedOn) { ${DOSSIER} } }`,
  decide: gql`mutation RecordCourtDecision($id: ID!, $expectedVersion: Int!, $input: CourtDecisionInput!) {
    recordCourtDecision(id: $id, expectedVersion: $expectedVersion, input: $input) { ${DOSSIER} } }`,
  admit: gql`mutation AdmitCompulsory($dossierId: ID!, $expectedVersion: Int!, $facilityCode: ID!, $admittedOn: Date!) {
    admitCompulsory(dossierId: $dossierId, expectedVersion: $expectedVersion, facilityCode: $facilityCode, admittedOn: $admittedOn) { ${EPISODE} } }`,
  draft: gql`mutation DraftDossier($input: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $input) { ${DOSSIER} } }`,
};

export interface VersionedRecord {
  id: string;
  status: string | null;
  version: number | null;
}

export interface Step {
  key: string;
  label: string;
  fields: FieldSpec[];
  mutation: DocumentNode;
  variables: (v: FormValues) => Record<string, unknown>;
}

export function StepMenu({ label, steps, record, reload, title }: {
  label: string;
  steps: Step[];
  record: VersionedRecord;
  reload: () => Promise<unknown>;
  /** Names the record above its actions (Person-360 lists several records). */
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  if (steps.length === 0) return null;
  const actions: MenuAction[] = steps.map((step) => ({
    key: step.key,
    label: step.label,
    render: (close) => (
      <ActionForm testId={`form-${step.key}`} title={step.label} submitLabel={t('form.save')} fields={step.fields}
        onSubmit={(v) => submit(step.mutation, { id: record.id, expectedVersion: record.version, ...step.variables(v) })}
        onDone={() => void reload()} onReload={reload} onCancel={close} />
    ),
  }));
  const menu = <ActionMenu label={title ?? label} actions={actions} />;
  if (!title) return menu;
  return (
    <div className="record-actions">
      <p className="record-actions__title">{title}</p>
      {menu}
    </div>
  );
}

export const dateField = (name: string, label: string): FieldSpec => ({ name, label, kind: 'date', required: true, initial: today() });

/** Cơ sở cai nghiện: leave, escape and return, completion of one episode. */
export function EpisodeActions({ episode, role, reload, title }: {
  episode: VersionedRecord;
  role: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  if (role !== 'facility_staff') return null;
  const steps: Step[] = [];
  if (episode.status === 'ADMITTED') {
    steps.push({
      key: 'grant-leave', label: t('action.grantLeave'), mutation: M.grantLeave,
      fields: [
        { name: 'reason', label: t('field.leaveReason'), kind: 'select', options: options('leaveReason', ['FUNERAL', 'MEDICAL_TREATMENT', 'FAMILY_EMERGENCY', 'OTHER']) },
        dateField('startsOn', t('field.startsOn')),
        { name: 'dueOn', label: t('field.dueOn'), kind: 'date', required: true },
        { name: 'note', label: t('field.note'), kind: 'textarea' },
      ],
      variables: (v) => ({ input: { reason: v.reason, startsOn: v.startsOn, dueOn: v.dueOn, note: optional(v.note) } }),
    }, {
      key: 'escape', label: t('action.recordEscape'), mutation: M.recordEscape,
      fields: [dateField('escapedOn', t('field.escapedOn')), { name: 'note', label: t('field.note'), kind: 'textarea' }],
      variables: (v) => ({ escapedOn: v.escapedOn, note: optional(v.note) }),
    }, {
      key: 'complete', label: t('action.complete'), mutation: M.complete,
      fields: [dateField('completedOn', t('field.completedOn')), { name: 'certificateNumber', label: t('field.certificateNumber'), kind: 'text', required: true }],
      variables: (v) => ({ completedOn: v.completedOn, certificateNumber: v.certificateNumber ?? '' }),
    });
  }
  if (episode.status === 'ON_LEAVE') {
    steps.push({ key: 'return-leave', label: t('action.returnFromLeave'), mutation: M.returnFromLeave,
      fields: [dateField('returnedOn', t('field.returnedOn'))], variables: (v) => ({ returnedOn: v.returnedOn }) });
  }
  if (episode.status === 'ABSCONDED') {
    steps.push({ key: 'return-escape', label: t('action.returnAfterEscape'), mutation: M.returnAfterEscape,
      fields: [dateField('returnedOn', t('field.returnedOn'))], variables: (v) => ({ returnedOn: v.returnedOn }) });
  }
  return <StepMenu label={t('action.labor')} steps={steps} record={episode} reload={reload} title={title} />;
}

/** Hồ sơ đề nghị: submit (commune), review and forward (district labour), court decision, admission. */
export function DossierActions({ dossier, role, unitCode, reload, title }: {
  dossier: VersionedRecord & { allowedTerm?: { minMonths: number; maxMonths: number; legalBasis: string } | null };
  role: string;
  unitCode: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const steps: Step[] = [];
  const status = dossier.status;
  if (role === 'commune_official' && (status === 'DRAFTED' || status === 'RETURNED_FOR_CORRECTION')) {
    steps.push({ key: 'submit-dossier', label: t('action.submitDossier'), mutation: M.submit,
      fields: [dateField('submittedOn', t('field.submittedOn'))], variables: (v) => ({ submittedOn: optional(v.submittedOn) }) });
  }
  if (role === 'labour_officer' && status === 'SUBMITTED') {
    steps.push({ key: 'forward', label: t('action.forward'), mutation: M.forward,
      fields: [dateField('forwardedOn', t('field.forwardedOn'))], variables: (v) => ({ forwardedOn: optional(v.forwardedOn) }) },
    { key: 'return-dossier', label: t('action.returnDossier'), mutation: M.returnDossier,
      fields: [{ name: 'reason', label: t('field.correctionReason'), kind: 'textarea', required: true }], variables: (v) => ({ reason: v.reason ?? '' }) });
  }
  if (role === 'court_clerk' && status === 'FORWARDED_TO_COURT') {
    steps.push({
      key: 'decide', label: t('action.courtDecision'), mutation: M.decide,
      fields: [
        { name: 'outcome', label: t('field.outcome'), kind: 'select', options: options('courtOutcome', ['APPROVED', 'REJECTED', 'POSTPONED', 'EXEMPTED']) },
        { name: 'decisionNumber', label: t('field.decisionNumber'), kind: 'text', required: true },
        dateField('decidedOn', t('field.decidedOn')),
        { name: 'termMonths', label: t('field.termMonths'), kind: 'number',
          hint: dossier.allowedTerm ? t('field.termHint', {
            min: String(dossier.allowedTerm.minMonths), max: String(dossier.allowedTerm.maxMonths), basis: dossier.allowedTerm.legalBasis,
          }) : undefined },
        { name: 'facilityCode', label: t('field.facilityCode'), kind: 'text' },
        { name: 'reason', label: t('field.reason'), kind: 'textarea' },
      ],
      variables: (v) => ({ input: {
        outcome: v.outcome, decisionNumber: v.decisionNumber ?? '', decidedOn: v.decidedOn,
        termMonths: numberOf(v.termMonths), facilityCode: optional(v.facilityCode), reason: optional(v.reason),
      } }),
    });
  }
  if (role === 'facility_staff' && status === 'APPROVED') {
    steps.push({ key: 'admit', label: t('action.admit'), mutation: M.admit,
      fields: [{ name: 'facilityCode', label: t('field.facilityCode'), kind: 'text', required: true, initial: unitCode }, dateField('admittedOn', t('labor.admittedOn'))],
      variables: (v) => ({ dossierId: dossier.id, facilityCode: v.facilityCode, admittedOn: v.admittedOn }) });
  }
  return <StepMenu label={t('action.labor')} steps={steps} record={dossier} reload={reload} title={title} />;
}

export interface DraftSubject {
  id: string;
  fullName: string | null;
  dateOfBirth: string | null;
  residenceUnitCode: string | null;
}

/** UBND xã: open (draft) a compulsory-rehab dossier for the person. */
export function OpenDossierAction({ person, role, reload }: { person: DraftSubject; role: string; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  if (role !== 'commune_official') return null;
  const grounds = ['NOT_REGISTERED', 'QUIT_VOLUNTARY_REHAB', 'USED_DURING_VOLUNTARY_REHAB', 'USED_DURING_SUBSTITUTION', 'RELAPSED_DURING_POST_REHAB'];
  const actions: MenuAction[] = [{
    key: 'draft',
    label: t('action.openDossier'),
    render: (close) => (
      <ActionForm testId="form-draft-dossier" title={t('action.openDossier')} submitLabel={t('form.save')}
        fields={[
          { name: 'ground', label: t('field.ground'), kind: 'select', options: options('dossierGround', grounds) },
          { name: 'groundNote', label: t('field.note'), kind: 'textarea' },
          dateField('startedOn', t('field.startedOn')),
          { name: 'addictionDeterminationRef', label: t('field.determinationRef'), kind: 'text' },
        ]}
        onSubmit={(v) => submit(M.draft, { input: {
          personId: person.id, residenceUnitCode: person.residenceUnitCode, startedOn: optional(v.startedOn), ground: v.ground,
          groundNote: optional(v.groundNote), subjectFullName: person.fullName, subjectDateOfBirth: person.dateOfBirth,
          addictionDeterminationRef: optional(v.addictionDeterminationRef),
        } })}
        onDone={() => void reload()} onCancel={close} />
    ),
  }];
  return <ActionMenu label={t('action.labor')} actions={actions} />;
}
