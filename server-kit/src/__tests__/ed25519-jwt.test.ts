import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { JwtError, signEd25519Jwt, verifyEd25519Jwt } from '../ed25519-jwt';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const now = Math.floor(Date.now() / 1000);
const claims = { iss: 'rehab-gateway', aud: 'police', sub: 'u1', jti: 'j1', iat: now, exp: now + 60, role: 'police_officer' };
const check = { issuer: 'rehab-gateway', audience: 'police', requiredClaims: ['jti'] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof JwtError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('Ed25519 JWTs signed and verified with node:crypto', () => {
  it('round-trips, and interoperates with jose both ways (standard EdDSA compact JWS)', async () => {
    const ours = signEd25519Jwt(claims, privateKey);
    expect(verifyEd25519Jwt(ours, publicKey, check)).toEqual(claims);
    const { payload } = await jwtVerify(ours, publicKey, { issuer: 'rehab-gateway', audience: 'police', algorithms: ['EdDSA'] });
    expect(payload).toEqual(claims);
    const theirs = await new SignJWT({ role: 'police_officer' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('rehab-gateway')
      .setAudience(['police', 'health'])
      .setJti('j2')
      .setExpirationTime('60s')
      .sign(privateKey);
    expect(verifyEd25519Jwt(theirs, publicKey, check)).toMatchObject({ role: 'police_officer', jti: 'j2' });
  });

  it('refuses a changed payload, another key, and any other algorithm or header', () => {
    const token = signEd25519Jwt(claims, privateKey);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64({ ...claims, role: 'supervisor' })}.${signature}`;
    expect(codeOf(() => verifyEd25519Jwt(forged, publicKey, check))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(codeOf(() => verifyEd25519Jwt(signEd25519Jwt(claims, other.privateKey), publicKey, check))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    const payload = b64(claims);
    for (const h of [{ alg: 'none' }, { alg: 'HS256' }, { alg: 'EdDSA', crit: ['b64'], b64: false }, { alg: 'EdDSA', jwk: {} }]) {
      expect(codeOf(() => verifyEd25519Jwt(`${b64(h)}.${payload}.${signature}`, publicKey, check))).toBe(
        'ERR_JOSE_ALG_NOT_ALLOWED',
      );
    }
    for (const bad of [
      '',
      'a.b',
      `${header}.${payload}.`,
      `${header}.${payload}.${signature}.x`,
      `${header}.pay load.${signature}`,
    ]) {
      expect(codeOf(() => verifyEd25519Jwt(bad, publicKey, check))).toBe('ERR_JWS_INVALID');
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(codeOf(() => verifyEd25519Jwt(token, rsa.publicKey, check))).toBe('ERR_JOSE_INVALID_KEY');
  });

  it('checks issuer, audience, expiry, not-before and the required claims', () => {
    const verifyWith = (changes: Record<string, unknown>) =>
      codeOf(() => verifyEd25519Jwt(signEd25519Jwt({ ...claims, ...changes }, privateKey), publicKey, check));
    expect(verifyWith({})).toBe('accepted');
    expect(verifyWith({ iss: 'someone-else' })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ aud: 'health' })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ aud: ['health', 'volunteers'] })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ exp: now - 1 })).toBe('ERR_JWT_EXPIRED');
    expect(verifyWith({ exp: undefined })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ exp: '9999999999' })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ nbf: now + 600 })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(verifyWith({ jti: undefined })).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(codeOf(() => verifyEd25519Jwt(signEd25519Jwt(claims, privateKey), publicKey, { ...check, now: now + 61 }))).toBe(
      'ERR_JWT_EXPIRED',
    );
  });
});
