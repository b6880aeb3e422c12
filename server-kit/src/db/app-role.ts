import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { DatabaseConfigError, databaseUrl, envPrefix, type DatabaseOwner } from './urls';

/**
 * The running application connects as a restricted login role, never as the owner the
 * migrations run as: it may read and write the application's tables but only read and
 * append audit rows, owns nothing and is no superuser, so even a compromised process
 * cannot rewrite the audit trail.
 */
export const DEFAULT_APP_ROLE = 'rehab_app';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Name of the application's role: APP_DATABASE_ROLE, else rehab_app. */
export function appRoleName(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.APP_DATABASE_ROLE ?? DEFAULT_APP_ROLE;
  if (!ROLE_NAME.test(name))
    throw new DatabaseConfigError(`APP_DATABASE_ROLE must be a plain lower-case identifier, not "${name}"`);
  return name;
}

/** Per-owner URL of an existing restricted role (e.g. POLICE_APP_DATABASE_URL), if set. */
function explicitAppUrl(owner: DatabaseOwner, env: NodeJS.ProcessEnv): string | undefined {
  return env[`${envPrefix(owner)}_APP_DATABASE_URL`] || undefined;
}

/**
 * Password of the managed application role: APP_DATABASE_PASSWORD; required in
 * production. Elsewhere it is derived (HMAC-SHA256) from the owner's credentials, so
 * every process sharing that server (npm start's children, parallel test workers)
 * computes the same one without any of them rotating it under the others' pools.
 */
export function appDatabasePassword(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.APP_DATABASE_PASSWORD) return env.APP_DATABASE_PASSWORD;
  if (env.NODE_ENV === 'production') {
    throw new DatabaseConfigError(
      "APP_DATABASE_PASSWORD (the password of the application's restricted database role) must be set in production",
    );
  }
  const url = new URL(ownerUrl);
  return createHmac('sha256', decodeURIComponent(url.password) || 'rehab-dev')
    .update(`rehab-app-role:${decodeURIComponent(url.username)}@${url.host}:${appRoleName(env)}`)
    .digest('base64url');
}

/**
 * The URL the running application uses for an owner's database: <OWNER>_APP_DATABASE_URL
 * when set, otherwise the owner's database URL with the restricted role's credentials.
 */
export function appDatabaseUrl(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = explicitAppUrl(owner, env);
  if (explicit) return explicit;
  const ownerUrl = databaseUrl(owner, env);
  const url = new URL(ownerUrl);
  url.username = appRoleName(env);
  url.password = appDatabasePassword(ownerUrl, env);
  return url.toString();
}

async function connected<T>(connectionString: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString, application_name: 'rehab-app-role' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';
const INVALID_PASSWORD = '28P01';
const RESTRICTED_FLAGS = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

interface RoleFacts {
  exists: boolean;
  privileged: boolean;
}

async function roleFacts(client: Client, role: string): Promise<RoleFacts> {
  const { rows } = await client.query<{ privileged: boolean }>(
    `SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS privileged
       FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  return { exists: rows.length > 0, privileged: rows[0]?.privileged ?? false };
}

async function canManageRoles(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ can: boolean }>(
    'SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.can ?? false;
}

/** What to do when the owner lacks CREATEROLE; `problem` says what could not be done. */
function cannotManage(owner: DatabaseOwner, ownerUser: string, role: string, problem: string): DatabaseConfigError {
  const prefix = envPrefix(owner);
  return new DatabaseConfigError(
    `${problem}: the database user "${ownerUser}" (the ${owner} database's owner) lacks CREATEROLE. ` +
      `Either run ALTER ROLE "${ownerUser}" CREATEROLE; or create the role yourself ` +
      `(CREATE ROLE ${role} LOGIN ${RESTRICTED_FLAGS} PASSWORD '…') and set APP_DATABASE_PASSWORD to its password; ` +
      `or set ${prefix}_APP_DATABASE_URL to the URL of an existing restricted login role.`,
  );
}

/** Creates the managed role, or brings an existing one to the restricted flags and expected password. */
async function ensureManagedRole(
  client: Client,
  owner: DatabaseOwner,
  ownerUser: string,
  role: string,
  password: string,
): Promise<void> {
  const facts = await roleFacts(client, role);
  const manage = await canManageRoles(client);
  if (!facts.exists) {
    if (!manage) throw cannotManage(owner, ownerUser, role, `Cannot create the application's restricted database role "${role}"`);
    try {
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(role)} LOGIN ${RESTRICTED_FLAGS} PASSWORD ${client.escapeLiteral(password)}`,
      );
    } catch (error) {
      // Another process sharing this server created it at the same moment.
      if (pgCode(error) !== DUPLICATE_OBJECT && pgCode(error) !== UNIQUE_VIOLATION) throw error;
    }
    return;
  }
  if (facts.privileged) {
    if (!manage) {
      throw cannotManage(
        owner,
        ownerUser,
        role,
        `The application's database role "${role}" has rights it must not have (superuser, CREATEROLE, …) and cannot be restricted`,
      );
    }
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} ${RESTRICTED_FLAGS}`);
  }
}

/**
 * Grants the application role what it needs on the owner's database, and no more:
 * SELECT/INSERT/UPDATE/DELETE on the tables, only SELECT and INSERT on audit_log,
 * nothing on the migrations table, USAGE on the sequences. Idempotent; run as the owner
 * after every migration run so new tables are covered.
 */
async function grantPrivileges(client: Client, role: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // Replicas of one service starting together would otherwise race on the same ACLs.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('rehab-app-role-grants'))");
    await grantAll(client, role);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function grantAll(client: Client, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  const {
    rows: [db],
  } = await client.query<{ name: string }>('SELECT current_database() AS name');
  await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db?.name ?? '')} TO ${r}`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await client.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  const { rows } = await client.query<{ audit: boolean; migrations: boolean }>(
    `SELECT to_regclass('public.audit_log') IS NOT NULL AS audit, to_regclass('public.schema_migrations') IS NOT NULL AS migrations`,
  );
  if (rows[0]?.audit) await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`);
  if (rows[0]?.migrations) await client.query(`REVOKE ALL ON schema_migrations FROM ${r}`);
}

/** Connects as the application role and checks it cannot touch the audit trail. */
async function verifyRestricted(appUrl: string, owner: DatabaseOwner): Promise<void> {
  await connected(appUrl, async (client) => {
    const {
      rows: [facts],
    } = await client.query<{ superuser: boolean; owns: number; audit: boolean | null; member: boolean | null }>(
      `SELECT r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owns,
              CASE WHEN to_regclass('public.audit_log') IS NULL THEN NULL ELSE
                has_table_privilege('public.audit_log', 'UPDATE') OR has_table_privilege('public.audit_log', 'DELETE')
                OR has_table_privilege('public.audit_log', 'TRUNCATE') END AS audit,
              (SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass('public.audit_log')) AS member
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    if (!facts || facts.superuser || facts.owns > 0 || facts.audit || facts.member) {
      throw new DatabaseConfigError(
        `The application's database role for ${owner} is not restricted (it is a superuser, owns tables, is a member of the owner ` +
          'or may update or delete audit rows). Use a separate login role without those rights.',
      );
    }
  });
}

/**
 * Makes the application's role ready on an owner's database: creates it when missing
 * (needs CREATEROLE), grants its privileges, and checks it is restricted. Returns the
 * URL the application must connect with.
 */
export async function ensureAppRole(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const ownerUrl = databaseUrl(owner, env);
  const explicit = explicitAppUrl(owner, env);
  const appUrl = appDatabaseUrl(owner, env);
  const ownerUser = decodeURIComponent(new URL(ownerUrl).username);
  const role = explicit ? decodeURIComponent(new URL(explicit).username) : appRoleName(env);
  if (role === ownerUser) {
    throw new DatabaseConfigError(
      `The application must not connect to the ${owner} database as its owner "${ownerUser}": ` +
        `set ${envPrefix(owner)}_APP_DATABASE_URL to a separate restricted role, or leave it unset to use ${DEFAULT_APP_ROLE}.`,
    );
  }
  const password = explicit ? null : decodeURIComponent(new URL(appUrl).password);
  await connected(ownerUrl, async (client) => {
    if (password !== null) await ensureManagedRole(client, owner, ownerUser, role, password);
    else if (!(await roleFacts(client, role)).exists) {
      throw new DatabaseConfigError(`${envPrefix(owner)}_APP_DATABASE_URL names the role "${role}", which does not exist.`);
    }
    await grantPrivileges(client, role);
  });
  try {
    await verifyRestricted(appUrl, owner);
  } catch (error) {
    if (pgCode(error) !== INVALID_PASSWORD || password === null) throw error;
    // The role exists with another password (e.g. APP_DATABASE_PASSWORD changed): set ours.
    await connected(ownerUrl, async (client) => {
      if (!(await canManageRoles(client))) {
        throw cannotManage(
          owner,
          ownerUser,
          role,
          `The application's database role "${role}" does not accept the configured password (${message(error)}) and cannot be reset`,
        );
      }
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${client.escapeLiteral(password)}`);
    });
    await verifyRestricted(appUrl, owner);
  }
  return appUrl;
}
