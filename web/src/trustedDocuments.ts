import { Kind, type DocumentNode } from 'graphql';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

/**
 * The portal's operations are registered at build time (`npm run build -w web` writes
 * this manifest next to the bundle): the portal sends each one by its id, never its text,
 * and the gateway runs the registered document. Officers' tokens may run nothing else.
 */
export const MANIFEST_URL = '/persisted-query-manifest.json';

let idsByName: Promise<Map<string, string>> | undefined;

function parseManifest(body: unknown): Map<string, string> {
  const operations = typeof body === 'object' && body !== null ? (body as { operations?: unknown }).operations : undefined;
  if (!Array.isArray(operations)) throw new Error('The registered operations list is malformed');
  const ids = new Map<string, string>();
  for (const operation of operations as unknown[]) {
    const { name, id } = (operation ?? {}) as { name?: unknown; id?: unknown };
    if (typeof name === 'string' && typeof id === 'string') ids.set(name, id);
  }
  return ids;
}

function operationIds(): Promise<Map<string, string>> {
  if (!idsByName) {
    // Revalidated on every load: after a rebuild the ids must be the new bundle's, not a cached list's.
    idsByName = fetch(MANIFEST_URL, { headers: { Accept: 'application/json' }, cache: 'no-cache' }).then(async (response) => {
      if (!response.ok) throw new Error(`The registered operations list did not load (HTTP ${response.status})`);
      return parseManifest(await response.json());
    });
    // A failed load is tried again by the next operation.
    idsByName.catch(() => {
      idsByName = undefined;
    });
  }
  return idsByName;
}

async function registeredId(document: DocumentNode): Promise<string> {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? ''] : []));
  const [name] = names;
  if (names.length !== 1 || !name) throw new Error('A portal operation is one named operation');
  const id = (await operationIds()).get(name);
  if (!id) throw new Error(`Operation ${name} is not among the portal's registered operations (rebuild the portal)`);
  return id;
}

/** Sends every operation as `extensions.persistedQuery.sha256Hash`, the id of its registered document. */
export function trustedDocumentsLink(): PersistedQueryLink {
  return new PersistedQueryLink({ generateHash: registeredId });
}
