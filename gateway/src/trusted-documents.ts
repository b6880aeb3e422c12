import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import { Kind, parse, print, type DefinitionNode, type DocumentNode, type GraphQLError } from 'graphql';
import { domainError, type Bilingual, type PublicErrorCode } from '@rehab/server-kit';
import type { Role } from '@rehab/shared-schema';

/**
 * Trusted documents: the portal's operations are registered when it is built (web/dist/
 * persisted-query-manifest.json: name, document, sha256 of the document) and the portal
 * sends them by id. `enforce`: a caller whose role is not in AD_HOC_ROLES may run only
 * those documents (by id, or by their exact text); `off`: ids are still resolved, anything
 * else runs too (under the same limits).
 */
export type TrustedDocumentsMode = 'enforce' | 'off';

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** The registered operations (Apollo's persisted query manifest format), or null for none. */
  manifestPath: string | null;
}

/** Roles that keep ad-hoc queries (GraphiQL, scripts), under the query limits. */
export const AD_HOC_ROLES: readonly Role[] = ['analyst', 'supervisor'];

export const MANIFEST_FILE = 'persisted-query-manifest.json';

/** TRUSTED_DOCUMENTS: `enforce` (default) or `off`; the manifest is the built portal's. */
export function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv, webDir: string | null): TrustedDocumentsOptions {
  const raw = env.TRUSTED_DOCUMENTS?.trim() || 'enforce';
  if (raw !== 'enforce' && raw !== 'off') throw new Error(`TRUSTED_DOCUMENTS must be "enforce" or "off", not "${raw}"`);
  return { mode: raw, manifestPath: webDir ? join(webDir, MANIFEST_FILE) : null };
}

export interface RegisteredDocument {
  id: string;
  name: string;
  body: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Top-level definitions in the order the manifest generator prints them (operations first, then by name). */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const nameOf = (d: DefinitionNode): string =>
    d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? (d.name?.value ?? '') : '';
  const definitions = [...document.definitions].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { ...document, definitions };
}

/** The registered documents of one manifest, by id. */
export class TrustedDocuments {
  private constructor(
    private readonly byId: ReadonlyMap<string, RegisteredDocument>,
    private readonly maxTokens: number,
  ) {}

  static empty(maxTokens: number): TrustedDocuments {
    return new TrustedDocuments(new Map(), maxTokens);
  }

  /** Parses a manifest; refuses one whose ids are not the sha256 of their documents. */
  static fromManifest(text: string, maxTokens: number): TrustedDocuments {
    const manifest = JSON.parse(text) as { format?: unknown; version?: unknown; operations?: unknown };
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error('not an Apollo persisted query manifest, version 1');
    }
    const byId = new Map<string, RegisteredDocument>();
    for (const entry of manifest.operations as unknown[]) {
      const { id, name, body } = (entry ?? {}) as Partial<Record<keyof RegisteredDocument, unknown>>;
      if (typeof id !== 'string' || typeof name !== 'string' || typeof body !== 'string')
        throw new Error('an operation without id, name or body');
      if (sha256(body) !== id) throw new Error(`operation ${name}: its id is not the sha256 of its document`);
      byId.set(id, { id, name, body });
    }
    return new TrustedDocuments(byId, maxTokens);
  }

  get size(): number {
    return this.byId.size;
  }

  byIdentifier(id: string): RegisteredDocument | undefined {
    return this.byId.get(id);
  }

  /**
   * The registered document this text is: byte for byte, or once printed the way the
   * generator prints (so the portal's own retry with the full text is recognised).
   */
  match(query: string): RegisteredDocument | undefined {
    const exact = this.byId.get(sha256(query));
    if (exact?.body === query) return exact;
    let normalized: string;
    try {
      normalized = print(sortTopLevelDefinitions(parse(query, { noLocation: true, maxLexicalTokens: this.maxTokens })));
    } catch {
      return undefined;
    }
    const entry = this.byId.get(sha256(normalized));
    return entry?.body === normalized ? entry : undefined;
  }
}

/**
 * The manifest file, reloaded when it changes (a rebuilt portal); a file that fails to load
 * keeps the current one. Polled against the file as it was when last read (not against the
 * previous poll): a change made before the first poll is still seen.
 */
export class TrustedDocumentsFile {
  private documents: TrustedDocuments;
  private seen: string;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly path: string,
    private readonly maxTokens: number,
    private readonly log: (message: string) => void,
    pollMs: number,
  ) {
    this.seen = this.signature();
    this.documents = TrustedDocuments.fromManifest(readFileSync(path, 'utf8'), maxTokens);
    this.timer = setInterval(() => this.poll(), pollMs);
    this.timer.unref();
  }

  private signature(): string {
    try {
      const stats = statSync(this.path);
      return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }

  private poll(): void {
    const signature = this.signature();
    if (signature === this.seen) return;
    this.seen = signature;
    try {
      this.documents = TrustedDocuments.fromManifest(readFileSync(this.path, 'utf8'), this.maxTokens);
      this.log(`Reloaded ${this.documents.size} registered operations from ${this.path}`);
    } catch (error) {
      this.log(
        `Registered operations not reloaded, keeping the current ones: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Opens the manifest. Enforcing without one would refuse every officer: that is a
   * deployment error, reported at start.
   */
  static open(
    options: TrustedDocumentsOptions,
    maxTokens: number,
    log: (message: string) => void,
    pollMs = 1000,
  ): TrustedDocumentsFile | null {
    const { mode, manifestPath } = options;
    if (!manifestPath || !existsSync(manifestPath)) {
      if (mode === 'enforce') {
        throw new Error(
          `TRUSTED_DOCUMENTS=enforce needs the portal's registered operations (${manifestPath ?? 'no portal directory'}): ` +
            'run npm run build -w web, or set TRUSTED_DOCUMENTS=off',
        );
      }
      return null;
    }
    return new TrustedDocumentsFile(manifestPath, maxTokens, log, pollMs);
  }

  get current(): TrustedDocuments {
    return this.documents;
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** What a request asked to run, as far as registration goes. */
type Submitted =
  { kind: 'registered'; document: RegisteredDocument } | { kind: 'text'; query: string; claimedId?: string } | { kind: 'none' };

export type DocumentStatus =
  | { kind: 'registered'; document: RegisteredDocument }
  /** The text of a document that is not registered (or no text at all). */
  | { kind: 'ad-hoc' }
  /** A registered id sent with a text that is not its document. */
  | { kind: 'mismatch'; id: string };

const submitted = new WeakMap<Request, Submitted>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(res: Response, status: number, code: PublicErrorCode, text: Bilingual): void {
  res.status(status).json({ errors: [{ message: text.vi, extensions: { code, i18n: text } }] });
}

const NOT_FOUND_TEXT: Bilingual = {
  vi: 'Không tìm thấy thao tác đã đăng ký với mã này',
  en: 'No registered operation has this id',
};

/**
 * Before Apollo Server (whose own automatic persisted queries stay off: nobody may register
 * a document at run time): a request naming a registered id gets its document; an unknown
 * id is refused. Whether the request is a registered document is kept for `documentStatus`.
 */
export function resolveTrustedDocuments(documents: () => TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET') {
      const extensions = req.query.extensions;
      if (typeof extensions === 'string' && extensions.includes('persistedQuery')) {
        refuse(res, 400, 'BAD_REQUEST', {
          vi: 'Thao tác đã đăng ký phải được gửi bằng phương thức POST',
          en: 'Registered operations are sent by POST',
        });
        return;
      }
      const query = req.query.query;
      submitted.set(req, typeof query === 'string' ? { kind: 'text', query } : { kind: 'none' });
      next();
      return;
    }
    const body: unknown = req.body;
    if (!isObject(body)) {
      submitted.set(req, { kind: 'none' });
      next();
      return;
    }
    const extensions = body.extensions;
    const persisted = isObject(extensions) ? extensions.persistedQuery : undefined;
    const query = typeof body.query === 'string' && body.query !== '' ? body.query : undefined;
    if (persisted === undefined) {
      submitted.set(req, query ? { kind: 'text', query } : { kind: 'none' });
      next();
      return;
    }
    const id =
      isObject(persisted) && persisted.version === 1 && typeof persisted.sha256Hash === 'string'
        ? persisted.sha256Hash
        : undefined;
    if (!id) {
      refuse(res, 400, 'BAD_REQUEST', {
        vi: 'Phần mở rộng persistedQuery không hợp lệ (cần version 1 và sha256Hash)',
        en: 'Invalid persistedQuery extension (version 1 and a sha256Hash are required)',
      });
      return;
    }
    if (isObject(extensions)) delete extensions.persistedQuery;
    const registered = documents().byIdentifier(id);
    if (query) {
      submitted.set(req, { kind: 'text', query, ...(registered ? { claimedId: id } : {}) });
    } else if (registered) {
      body.query = registered.body;
      submitted.set(req, { kind: 'registered', document: registered });
    } else {
      refuse(res, 400, 'PERSISTED_QUERY_NOT_FOUND', NOT_FOUND_TEXT);
      return;
    }
    next();
  };
}

/** The request names a registered id and sends a text too: the two must agree, whoever sends them. */
export function claimsRegisteredId(req: Request): boolean {
  const request = submitted.get(req);
  return request?.kind === 'text' && request.claimedId !== undefined;
}

/** Whether the request runs a registered document; texts are compared only when asked (officers under enforcement). */
export function documentStatus(req: Request, documents: TrustedDocuments): DocumentStatus {
  const request = submitted.get(req) ?? { kind: 'none' };
  if (request.kind === 'registered') return request;
  if (request.kind === 'none') return { kind: 'ad-hoc' };
  const match = documents.match(request.query);
  if (request.claimedId !== undefined && match?.id !== request.claimedId) return { kind: 'mismatch', id: request.claimedId };
  return match ? { kind: 'registered', document: match } : { kind: 'ad-hoc' };
}

/** A registered id whose text was changed on the way: refused for every role. */
export function documentMismatch(): GraphQLError {
  return domainError(
    'BAD_REQUEST',
    {
      vi: 'Nội dung thao tác không khớp với mã thao tác đã đăng ký được gửi kèm',
      en: 'The operation text does not match the registered operation id sent with it',
    },
    { httpStatus: 400 },
  );
}

export function trustedDocumentRequired(): GraphQLError {
  return domainError(
    'TRUSTED_DOCUMENT_REQUIRED',
    {
      vi: 'Tài khoản của bạn chỉ được chạy các thao tác đã đăng ký của cổng thông tin; truy vấn tự soạn dành cho chuyên viên phân tích và cán bộ giám sát',
      en: "Your account may run only the portal's registered operations; ad-hoc queries are for analysts and supervisors",
    },
    { httpStatus: 403 },
  );
}
