import { units } from '@rehab/shared-schema';
import { MAX_ACTIVE_GRANTS, MAX_DURATION_MINUTES, type GrantView } from '../identity/break-glass';
import { openAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;
/** Police of Phường Ba Đình (00004). */
let wardPolice: string;
let supervisor: string;
/** Phường Hoàn Kiếm: another ward of Hà Nội, outside Phường Ba Đình's scope. */
const OTHER_WARD = '00070';

beforeAll(async () => {
  h = await openAuthHarness();
  wardPolice = (await h.login('congan.phuongbadinh')).accessToken;
  supervisor = (await h.login('giamsat.hanoi')).accessToken;
});

afterAll(async () => {
  await h.close();
});

interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
  field?: string;
}

const REASON = 'Xác minh đối tượng bỏ trốn khỏi cơ sở, theo công văn 12/CV';

const breakGlass = (token: string, body: Record<string, unknown>) =>
  h.post<GrantView & ErrorBody>('/auth/break-glass', body, token);

describe('requesting break-the-glass access', () => {
  it('opens another unit for a stated reason and a limited time', async () => {
    const response = await breakGlass(wardPolice, { unitCode: OTHER_WARD, reason: `  ${REASON}  `, durationMinutes: 30 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      username: 'congan.phuongbadinh',
      role: 'police_officer',
      unitCode: '00004',
      targetUnitCode: OTHER_WARD,
      targetUnitName: 'Phường Hoàn Kiếm',
      reason: REASON,
      active: true,
      reviewedAt: null,
    });
    expect(Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)).toBe(30 * 60_000);
    const mine = await h.get<{ grants: GrantView[] }>('/auth/break-glass/mine', wardPolice);
    expect(mine.body.grants.map((g) => g.grantId)).toContain(response.body.grantId);
    // The grant itself is on the append-only audit trail of the identity database.
    expect(
      await h.database.db.query('SELECT username, action, entity_type, purpose FROM audit_log WHERE request_id = $1', [
        response.body.grantId,
      ]),
    ).toEqual([
      {
        username: 'congan.phuongbadinh',
        action: 'BREAK_GLASS',
        entity_type: 'BreakGlassGrant',
        purpose: `break-glass ${OTHER_WARD}: ${REASON}`,
      },
    ]);
  });

  it('travels with the session into the request context until it expires', async () => {
    // Police of Phường Ngọc Hà open Phường Lào Cai, in another province: the grant carries today's path of the ward.
    const { accessToken } = await h.login('congan.phuongngocha');
    const created = await breakGlass(accessToken, { unitCode: '02647', reason: REASON, durationMinutes: 15 });
    expect(created.status).toBe(201);
    expect(created.body.targetUnitName).toBe('Phường Lào Cai');
    const before = await h.identity.authenticateRequest(accessToken);
    expect(before?.grants).toEqual([
      { grantId: created.body.grantId, unitPath: '15.02647', reason: REASON, expiresAt: created.body.expiresAt },
    ]);
    await h.database.db.query(
      `UPDATE break_glass_grant SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
      WHERE id = $1`,
      [created.body.grantId],
    );
    expect((await h.identity.authenticateRequest(accessToken))?.grants).toEqual([]);
    expect((await h.get<{ grants: GrantView[] }>('/auth/break-glass/mine', accessToken)).body.grants).toEqual([]);
  });

  it.each([
    [{ unitCode: OTHER_WARD, reason: 'cần xem', durationMinutes: 30 }, 'reason'],
    [{ unitCode: OTHER_WARD, durationMinutes: 30 }, 'reason'],
    [{ unitCode: OTHER_WARD, reason: REASON, durationMinutes: MAX_DURATION_MINUTES + 1 }, 'durationMinutes'],
    [{ unitCode: OTHER_WARD, reason: REASON, durationMinutes: 0 }, 'durationMinutes'],
    [{ unitCode: OTHER_WARD, reason: REASON, durationMinutes: '30' }, 'durationMinutes'],
    [{ unitCode: 'XYZ', reason: REASON }, 'unitCode'],
    // Its own ward (already in scope), and the city above it.
    [{ unitCode: '00004', reason: REASON }, 'unitCode'],
    [{ unitCode: '01', reason: REASON }, 'unitCode'],
  ])('refuses %j (field %s)', async (body, field) => {
    const response = await breakGlass(wardPolice, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.body.message).not.toBe(response.body.messageEn);
  });

  it('is not for analysts, volunteers or supervisors, nor without a login', async () => {
    for (const username of ['phantich.hanoi', 'tnv.phuongbadinh', 'giamsat.hanoi']) {
      const { accessToken } = await h.login(username);
      const response = await breakGlass(accessToken, { unitCode: OTHER_WARD, reason: REASON });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
    expect((await h.post('/auth/break-glass', { unitCode: OTHER_WARD, reason: REASON })).status).toBe(401);
  });

  it(`caps a session at ${MAX_ACTIVE_GRANTS} active grants`, async () => {
    const { accessToken } = await h.login('congan.phuongngocha');
    // Six other wards of Hà Nội today.
    const codes = units()
      .childrenOf('01', undefined, ['COMMUNE'])
      .map((u) => u.code)
      .filter((c) => c !== '00008')
      .slice(0, MAX_ACTIVE_GRANTS + 1);
    const statuses: number[] = [];
    for (const unitCode of codes) statuses.push((await breakGlass(accessToken, { unitCode, reason: REASON })).status);
    expect(statuses).toEqual([...Array(MAX_ACTIVE_GRANTS).fill(201), 409]);
  });
});

describe('reviewing break-the-glass access', () => {
  let grantId: string;

  beforeAll(async () => {
    const { accessToken } = await h.login('yte.mmt001');
    grantId = (
      await breakGlass(accessToken, {
        unitCode: OTHER_WARD,
        reason: 'Bệnh nhân chuyển tuyến điều trị methadone khẩn',
        durationMinutes: 60,
      })
    ).body.grantId;
  });

  it('is for supervisors only: others get 403 with a bilingual message', async () => {
    for (const token of [wardPolice, (await h.login('phantich.hanoi')).accessToken]) {
      const list = await h.get<ErrorBody>('/auth/break-glass?status=pending', token);
      expect(list.status).toBe(403);
      expect(list.body).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/giám sát/),
        messageEn: expect.stringMatching(/supervisors/),
      });
      const review = await h.post<ErrorBody>(`/auth/break-glass/${grantId}/review`, {}, token);
      expect(review.status).toBe(403);
      expect(review.body.code).toBe('FORBIDDEN');
    }
    expect((await h.get('/auth/break-glass?status=pending')).status).toBe(401);
  });

  it('lists pending grants, marks one reviewed once, then lists it as reviewed', async () => {
    const pending = await h.get<{ grants: GrantView[] }>('/auth/break-glass?status=pending', supervisor);
    expect(pending.status).toBe(200);
    expect(pending.body.grants.find((g) => g.grantId === grantId)).toMatchObject({
      username: 'yte.mmt001',
      targetUnitCode: OTHER_WARD,
      reviewedAt: null,
    });

    const reviewed = await h.post<GrantView>(
      `/auth/break-glass/${grantId}/review`,
      { note: 'Đã xác minh với trạm y tế' },
      supervisor,
    );
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ grantId, reviewedBy: 'giamsat.hanoi', reviewNote: 'Đã xác minh với trạm y tế' });

    expect(
      await h.database.db.query('SELECT username, action FROM audit_log WHERE request_id = $1 ORDER BY id', [grantId]),
    ).toEqual([
      { username: 'yte.mmt001', action: 'BREAK_GLASS' },
      { username: 'giamsat.hanoi', action: 'CHANGE' },
    ]);

    const again = await h.post<ErrorBody>(`/auth/break-glass/${grantId}/review`, {}, supervisor);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');

    const after = await h.get<{ grants: GrantView[] }>('/auth/break-glass?status=pending', supervisor);
    expect(after.body.grants.map((g) => g.grantId)).not.toContain(grantId);
    const done = await h.get<{ grants: GrantView[] }>('/auth/break-glass?status=reviewed', supervisor);
    expect(done.body.grants.map((g) => g.grantId)).toContain(grantId);
  });

  it('answers 404 for an unknown grant and 400 for an unknown status', async () => {
    expect((await h.post('/auth/break-glass/00000000-0000-4000-8000-000000000000/review', {}, supervisor)).status).toBe(404);
    expect((await h.post('/auth/break-glass/not-a-uuid/review', {}, supervisor)).status).toBe(404);
    expect((await h.get('/auth/break-glass?status=everything', supervisor)).status).toBe(400);
  });
});
