/**
 * One person along the whole legal path in 2024–2026, through the gateway, each step by the
 * demo account of the role that acted there on the step's date: detection and management
 * (today's ward police and chairman, entering the old ward's past), addiction-determination
 * request (health), the compulsory-rehab dossier of 2024 (commune chair, the district labour
 * office and the district court of before the reform), escort and admission, leave, escape, the
 * police search opened by the facility's notice, found, return (search closed),
 * completion (police notified, post-rehab case opened), post-rehab decision and
 * completion.
 */
import type { InProcessSystem } from '@rehab/ops';
import { startTestSystem } from './fixtures';
import { call, eventually, refused, registerPerson, type Caller, type Row } from './legal-path-support';

let system: InProcessSystem;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  system = await startTestSystem();
  const accounts = [
    'congan.phuongbadinh',
    'ubnd.phuongbadinh',
    'laodong.badinh',
    'toaan.badinh',
    'cscn1',
    'yte.hanoi',
    'giamsat.hanoi',
  ];
  const tokens = await Promise.all(accounts.map((u) => system.login(u)));
  accounts.forEach((u, i) => {
    as[u] = { system, token: tokens[i] as string };
  });
});

afterAll(async () => {
  await system.stop();
});

const police = () => as['congan.phuongbadinh'] as Caller;
const commune = () => as['ubnd.phuongbadinh'] as Caller;
const labour = () => as['laodong.badinh'] as Caller;
const court = () => as['toaan.badinh'] as Caller;
const facility = () => as.cscn1 as Caller;
const supervisor = () => as['giamsat.hanoi'] as Caller;

const wake = (name: 'labor-welfare' | 'police') => system.subgraphs.get(name)?.outbox?.wake();

const EPISODE = `id status version plannedEndOn phase leave { dueOn } absconding { reason since } certificateNumber postRehabCase { id status version }`;

describe('the legal path, end to end', () => {
  it('walks one person from detection to the end of post-rehab management', async () => {
    // 1. Detection and management at the residence (police, commune chairman).
    const person = await registerPerson(police(), 'Phạm Văn Hành Trình', '1991-04-12');
    const detected = await call<{ recordDrugUseDetection: { id: string; status: string } }>(
      police(),
      `mutation($p: ID!) { recordDrugUseDetection(personId: $p, input: { detectedOn: "2024-01-10", method: TEST_POSITIVE,
        substances: [STIMULANTS], testResult: "Dương tính với Methamphetamine" }) { id status } }`,
      { p: person.id },
    );
    expect(detected.recordDrugUseDetection.status).toBe('PENDING_DECISION');
    const managed = await call<{ decideDrugUserManagement: { status: string } }>(
      commune(),
      'mutation($id: ID!) { decideDrugUserManagement(id: $id, expectedVersion: 1, decisionNumber: "3/QĐ-UBND", decisionDate: "2024-01-20") { status } }',
      { id: detected.recordDrugUseDetection.id },
    );
    expect(managed.decideDrugUserManagement.status).toBe('ACTIVE');

    // 2. Addiction determination requested from health.
    const request = await call<{ requestAddictionDetermination: { id: string; requestedBy: string } }>(
      police(),
      'mutation($p: ID!) { requestAddictionDetermination(personId: $p, reason: "Tái sử dụng ma túy trong thời gian quản lý", requestedBy: POLICE) { id requestedBy } }',
      { p: person.id },
    );
    expect(request.requestAddictionDetermination.requestedBy).toBe('POLICE');

    // 3. The dossier: drafted by commune police with the registry's identity data, submitted by the commune.
    const identity = await call<{ person: { fullName: string; dateOfBirth: string } }>(
      police(),
      'query($id: ID!) { person(id: $id) { fullName dateOfBirth } }',
      { id: person.id },
    );
    const drafted = await call<{ draftCompulsoryRehabDossier: Row }>(
      police(),
      `mutation($i: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $i) { id status version repeat } }`,
      {
        i: {
          personId: person.id,
          residenceUnitCode: '00004',
          startedOn: '2024-03-01',
          ground: 'NOT_REGISTERED',
          subjectFullName: identity.person.fullName,
          subjectDateOfBirth: identity.person.dateOfBirth,
          addictionDeterminationRef: request.requestAddictionDetermination.id,
        },
      },
    );
    const dossier = drafted.draftCompulsoryRehabDossier;
    expect(dossier).toMatchObject({ status: 'DRAFTED', repeat: false });
    // In March 2024 the commune police could not submit it: that was the commune chair's act (until 28 February 2025).
    const notPolice = await refused(
      police(),
      'mutation($id: ID!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: 1, submittedOn: "2024-03-05") { id } }',
      { id: dossier.id },
    );
    expect(notPolice[0]?.extensions?.code).toBe('FORBIDDEN');
    await call(
      commune(),
      'mutation($id: ID!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: 1, submittedOn: "2024-03-05") { status } }',
      { id: dossier.id },
    );

    // 4. The district labour office reviews it from its worklist and forwards it to the court.
    const review = await call<{ dossiersAwaitingReview: { id: string }[] }>(
      labour(),
      'query { dossiersAwaitingReview(unitCode: "001", asOf: "2024-03-06") { id } }',
    );
    expect(review.dossiersAwaitingReview.map((d) => d.id)).toContain(dossier.id);
    await call(
      labour(),
      'mutation($id: ID!) { forwardDossierToCourt(id: $id, expectedVersion: 2, forwardedOn: "2024-03-10") { status } }',
      { id: dossier.id },
    );

    // 5. The court decides: 12 months (2021 law: 12–24 for adults) at facility no. 1.
    const decided = await call<{ recordCourtDecision: Row }>(
      court(),
      `mutation($id: ID!) { recordCourtDecision(id: $id, expectedVersion: 3, input: { outcome: APPROVED, decisionNumber: "21/2024/QĐ-TA",
        decidedOn: "2024-03-20", termMonths: 12, facilityCode: "CSCN1" }) { status version decision { termMonths facility { code } } } }`,
      { id: dossier.id },
    );
    expect(decided.recordCourtDecision).toMatchObject({
      status: 'APPROVED',
      decision: { termMonths: 12, facility: { code: 'CSCN1' } },
    });

    // 6. Police escort, the facility admits; police's management is superseded by rehab.
    await call(
      police(),
      'mutation($id: ID!) { recordDossierEscort(id: $id, expectedVersion: 4, escortedOn: "2024-03-25") { escortedOn } }',
      { id: dossier.id },
    );
    const admitted = await call<{ admitCompulsory: Row }>(
      facility(),
      `mutation($id: ID!) { admitCompulsory(dossierId: $id, expectedVersion: 5, facilityCode: "CSCN1", admittedOn: "2024-03-25") { ${EPISODE} } }`,
      { id: dossier.id },
    );
    let episode = admitted.admitCompulsory;
    expect(episode).toMatchObject({ status: 'ADMITTED', plannedEndOn: '2025-03-25', phase: 'INTAKE_CLASSIFICATION' });
    wake('labor-welfare');
    await eventually(
      'management superseded by rehab',
      () =>
        call<{ person: { drugUserManagements: { status: string; supersededOn: string | null }[] } }>(
          police(),
          'query($id: ID!) { person(id: $id) { drugUserManagements { status supersededOn } } }',
          { id: person.id },
        ),
      (d) => d.person.drugUserManagements[0]?.status === 'SUPERSEDED_BY_REHAB',
    );

    // 7. Leave and return (the facility).
    episode = (
      await call<{ grantLeave: Row }>(
        facility(),
        `mutation($id: ID!, $v: Int!) { grantLeave(id: $id, expectedVersion: $v,
      input: { reason: FUNERAL, note: "Về chịu tang ông nội", startsOn: "2024-06-01", dueOn: "2024-06-05" }) { ${EPISODE} } }`,
        { id: episode.id, v: episode.version },
      )
    ).grantLeave;
    expect(episode).toMatchObject({ status: 'ON_LEAVE', leave: { dueOn: '2024-06-05' } });
    episode = (
      await call<{ returnFromLeave: Row }>(
        facility(),
        `mutation($id: ID!, $v: Int!) { returnFromLeave(id: $id, expectedVersion: $v,
      returnedOn: "2024-06-05") { ${EPISODE} } }`,
        { id: episode.id, v: episode.version },
      )
    ).returnFromLeave;
    expect(episode.status).toBe('ADMITTED');

    // 8. Escape: the facility's notice opens a police search.
    episode = (
      await call<{ recordEscape: Row }>(
        facility(),
        `mutation($id: ID!, $v: Int!) { recordEscape(id: $id, expectedVersion: $v,
      escapedOn: "2024-08-10", note: "Bỏ trốn trong giờ lao động") { ${EPISODE} } }`,
        { id: episode.id, v: episode.version },
      )
    ).recordEscape;
    expect(episode).toMatchObject({ status: 'ABSCONDED', absconding: { reason: 'ESCAPED', since: '2024-08-10' } });
    wake('labor-welfare');
    const SEARCHES =
      'query($id: ID!) { person(id: $id) { absconderSearches { id status reason since version facility { code } } } }';
    interface Searches {
      person: { absconderSearches: { id: string; status: string; version: number }[] };
    }
    const opened = await eventually(
      'the police search opened',
      () => call<Searches>(police(), SEARCHES, { id: person.id }),
      (d) => d.person.absconderSearches.length === 1,
    );
    expect(opened.person.absconderSearches[0]).toMatchObject({
      status: 'OPEN',
      reason: 'ESCAPED',
      since: '2024-08-10',
      facility: { code: 'CSCN1' },
    });
    // Completion is refused while the person is away.
    const away = await refused(
      facility(),
      `mutation($id: ID!, $v: Int!) { completeRehabEpisode(id: $id, expectedVersion: $v, completedOn: "2024-09-01",
      certificateNumber: "X") { id } }`,
      { id: episode.id, v: episode.version },
    );
    expect(away[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');

    // 9. Police find the person; the facility records the return, which closes the search.
    const search = opened.person.absconderSearches[0] as { id: string; version: number };
    await call(
      police(),
      `mutation($id: ID!, $v: Int!) { recordAbsconderFound(searchId: $id, expectedVersion: $v, foundOn: "2024-08-20",
      note: "Tìm thấy tại nhà người quen ở Sóc Sơn") { status } }`,
      { id: search.id, v: search.version },
    );
    episode = (
      await call<{ returnAfterEscape: Row }>(
        facility(),
        `mutation($id: ID!, $v: Int!) { returnAfterEscape(id: $id, expectedVersion: $v,
      returnedOn: "2024-08-21") { ${EPISODE} } }`,
        { id: episode.id, v: episode.version },
      )
    ).returnAfterEscape;
    // Eleven days away do not count toward the term.
    expect(episode).toMatchObject({ status: 'ADMITTED', absconding: null, plannedEndOn: '2025-04-05' });
    wake('labor-welfare');
    await eventually(
      'the police search closed',
      () => call<Searches>(police(), SEARCHES, { id: person.id }),
      (d) => d.person.absconderSearches[0]?.status === 'CLOSED',
    );

    // 10. Completion: certificate, police told, post-rehab case awaiting the commune's decision.
    episode = (
      await call<{ completeRehabEpisode: Row }>(
        facility(),
        `mutation($id: ID!, $v: Int!) { completeRehabEpisode(id: $id, expectedVersion: $v,
      completedOn: "2025-04-05", certificateNumber: "215/GCN-CSCN1") { ${EPISODE} } }`,
        { id: episode.id, v: episode.version },
      )
    ).completeRehabEpisode;
    expect(episode).toMatchObject({ status: 'COMPLETED', certificateNumber: '215/GCN-CSCN1' });
    wake('labor-welfare');
    interface Notices {
      rehabCompletionNotices: { nodes: { id: string; episodeId: string; certificateNumber: string; version: number }[] };
    }
    const notices = await eventually(
      'the completion notice at the commune police',
      () =>
        call<Notices>(
          police(),
          'query { rehabCompletionNotices(acknowledged: false, first: 200) { nodes { id episodeId certificateNumber version } } }',
        ),
      (d) => d.rehabCompletionNotices.nodes.some((n) => n.episodeId === episode.id),
    );
    const notice = notices.rehabCompletionNotices.nodes.find((n) => n.episodeId === episode.id);
    expect(notice?.certificateNumber).toBe('215/GCN-CSCN1');
    await call(
      commune(),
      'mutation($id: ID!, $v: Int!) { acknowledgeRehabCompletionNotice(id: $id, expectedVersion: $v) { id } }',
      { id: notice?.id, v: notice?.version },
    );
    // The facility does not see the commune's post-rehab case; the commune finds it on its worklist.
    expect(episode.postRehabCase).toBeNull();
    const awaiting = await call<{ postRehabCasesAwaitingDecision: { id: string; person: { id: string; fullName: string } }[] }>(
      commune(),
      'query { postRehabCasesAwaitingDecision(unitCode: "00004", asOf: "2025-04-06") { id person { id fullName } } }',
    );
    const postCase = awaiting.postRehabCasesAwaitingDecision.find((c) => c.person.id === person.id);
    expect(postCase?.person.fullName).toBe('Phạm Văn Hành Trình');

    // 11. Post-rehab management: the chairman's decision (one year from the rules), then completion and removal from the list.
    const decidedCase = await call<{ decidePostRehab: Row }>(
      commune(),
      `mutation($id: ID!) { decidePostRehab(id: $id, expectedVersion: 1,
      input: { decisionNumber: "40/QĐ-UBND", decisionOn: "2025-04-15" }) { status version periodMonths endsOn } }`,
      { id: postCase?.id },
    );
    expect(decidedCase.decidePostRehab).toMatchObject({ status: 'UNDER_MANAGEMENT', periodMonths: 12, endsOn: '2026-04-15' });
    const ending = await call<{ postRehabCasesEndingSoon: { id: string }[] }>(
      commune(),
      'query { postRehabCasesEndingSoon(unitCode: "00004", asOf: "2026-04-01") { id } }',
    );
    expect(ending.postRehabCasesEndingSoon.map((c) => c.id)).toContain(postCase?.id);
    await call(
      commune(),
      `mutation($id: ID!, $v: Int!) { completePostRehab(id: $id, expectedVersion: $v, completedOn: "2026-04-16",
      certificateNumber: "9/GCN-QLSCN") { status } }`,
      { id: postCase?.id, v: decidedCase.decidePostRehab.version },
    );

    // The person's whole path, as the steering committee's supervisor sees it.
    const path = await call<{ person: Row }>(
      supervisor(),
      `query($id: ID!) { person(id: $id) {
      compulsoryRehabDossiers { status decision { termMonths } events { action actorRole } }
      rehabEpisodes { status admittedOn endedOn events { action } }
      postRehabCases { status completedOn certificateNumber } } }`,
      { id: person.id },
    );
    expect(path.person).toMatchObject({
      compulsoryRehabDossiers: [{ status: 'ADMITTED', decision: { termMonths: 12 } }],
      rehabEpisodes: [{ status: 'COMPLETED', admittedOn: '2024-03-25', endedOn: '2025-04-05' }],
      postRehabCases: [{ status: 'COMPLETED', completedOn: '2026-04-16', certificateNumber: '9/GCN-QLSCN' }],
    });
    const dossierSteps = ((path.person.compulsoryRehabDossiers as Row[])[0]?.events as Row[]).map((e) => [e.action, e.actorRole]);
    expect(dossierSteps).toEqual([
      ['DRAFT', 'police_officer'],
      ['SUBMIT', 'commune_official'],
      ['FORWARD_TO_COURT', 'labour_officer'],
      ['APPROVE', 'court_clerk'],
      ['ESCORT', 'police_officer'],
      ['ADMIT', 'facility_staff'],
    ]);
    expect(((path.person.rehabEpisodes as Row[])[0]?.events as Row[]).map((e) => e.action)).toEqual([
      'ADMIT',
      'GRANT_LEAVE',
      'RETURN_FROM_LEAVE',
      'ESCAPE',
      'RETURN_AFTER_ESCAPE',
      'COMPLETE',
    ]);
    // Each notice took effect exactly once at police.
    const inbox = await system.dbs.subgraph('police').db.query<{ topic: string; n: number }[]>(
      `SELECT topic, count(*)::int AS n FROM inbox_notice
      WHERE payload->>'personId' = $1 GROUP BY topic ORDER BY topic`,
      [person.id],
    );
    expect(inbox).toEqual([
      { topic: 'rehab.absconded', n: 1 },
      { topic: 'rehab.admitted', n: 1 },
      { topic: 'rehab.completed', n: 1 },
      { topic: 'rehab.returned', n: 1 },
    ]);
  });
});
