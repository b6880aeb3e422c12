import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustedDocuments, TrustedDocumentsFile, trustedDocumentsFromEnv } from '../trusted-documents';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** As the manifest generator prints it: operation first, then fragments by name. */
const BODY = `query Search($name: String) {
  persons(name: $name) {
    nodes {
      ...Row
      __typename
    }
    __typename
  }
}

fragment Row on Person {
  id
  fullName
  __typename
}`;

const manifestOf = (operations: { id: string; name: string; body: string }[]): string =>
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: operations.map((o) => ({ ...o, type: 'query' })),
  });

const documents = TrustedDocuments.fromManifest(manifestOf([{ id: sha256(BODY), name: 'Search', body: BODY }]), 2000);

describe('registered documents', () => {
  it('are found by id, and by their text byte for byte or reformatted with the fragments in another order', () => {
    expect(documents.byIdentifier(sha256(BODY))?.name).toBe('Search');
    expect(documents.match(BODY)?.name).toBe('Search');
    const reordered =
      'fragment Row on Person { id fullName __typename } query Search($name: String) { persons(name: $name) { nodes { ...Row __typename } __typename } }';
    expect(documents.match(reordered)?.name).toBe('Search');
  });

  it('do not match a text with one field more, another name, or a second operation', () => {
    expect(documents.match(BODY.replace('fullName', 'fullName\n  identificationNumber'))).toBeUndefined();
    expect(documents.match(BODY.replace('query Search', 'query Other'))).toBeUndefined();
    expect(documents.match(`${BODY}\nquery Extra { __typename }`)).toBeUndefined();
    expect(documents.match('{ not graphql')).toBeUndefined();
  });

  it('are compared within the token limit (a long text is not parsed to the end)', () => {
    const limited = TrustedDocuments.fromManifest(manifestOf([{ id: sha256(BODY), name: 'Search', body: BODY }]), 10);
    expect(limited.match(BODY.replace(/\n/g, ' '))).toBeUndefined();
    expect(limited.match(BODY)?.name).toBe('Search');
  });

  it('refuse a manifest whose id is not the sha256 of its document, or of another format', () => {
    expect(() =>
      TrustedDocuments.fromManifest(manifestOf([{ id: sha256('query X { a }'), name: 'Search', body: BODY }]), 2000),
    ).toThrow(/not the sha256 of its document/);
    expect(() => TrustedDocuments.fromManifest(JSON.stringify({ operations: [] }), 2000)).toThrow(/persisted query manifest/);
  });
});

describe('the setting', () => {
  it('enforces by default and accepts only enforce or off', () => {
    expect(trustedDocumentsFromEnv({}, '/srv/web')).toEqual({
      mode: 'enforce',
      manifestPath: join('/srv/web', 'persisted-query-manifest.json'),
    });
    expect(trustedDocumentsFromEnv({ TRUSTED_DOCUMENTS: 'off' }, null)).toEqual({ mode: 'off', manifestPath: null });
    expect(() => trustedDocumentsFromEnv({ TRUSTED_DOCUMENTS: 'false' }, null)).toThrow(/enforce.*off/);
  });

  it('refuses to start enforcing without a manifest; off without one serves no ids', () => {
    const log = (): void => undefined;
    expect(() =>
      TrustedDocumentsFile.open({ mode: 'enforce', manifestPath: '/nonexistent/persisted-query-manifest.json' }, 2000, log),
    ).toThrow(/npm run build -w web/);
    expect(() => TrustedDocumentsFile.open({ mode: 'enforce', manifestPath: null }, 2000, log)).toThrow(/TRUSTED_DOCUMENTS=off/);
    expect(TrustedDocumentsFile.open({ mode: 'off', manifestPath: null }, 2000, log)).toBeNull();
  });

  it('reloads a rebuilt manifest and keeps the current one when the new file is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'persisted-query-manifest.json');
    writeFileSync(path, manifestOf([]));
    const messages: string[] = [];
    const file = TrustedDocumentsFile.open({ mode: 'enforce', manifestPath: path }, 2000, (m) => messages.push(m), 50);
    try {
      expect(file?.current.size).toBe(0);
      replaceFile(path, manifestOf([{ id: sha256(BODY), name: 'Search', body: BODY }]));
      await waitFor(() => file?.current.size === 1);
      expect(messages.some((m) => m.includes('keeping the current ones'))).toBe(false);
      replaceFile(path, '{ broken');
      await waitFor(() => messages.some((m) => m.includes('keeping the current ones')));
      expect(file?.current.size).toBe(1);
    } finally {
      file?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Written whole and renamed into place, so a poll never reads half a file. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.next`, text);
  renameSync(`${path}.next`, path);
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(check()).toBe(true);
}
