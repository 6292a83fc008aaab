import { parseArgs } from 'node:util';
import type { Auth } from '../auth/index.js';
import { newPasswordProblem } from '../auth/password.js';
import { AccountError, ROLES, type Role } from './types.js';

export interface CliIo {
  /** The whole of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: tavla <command> [options]

  create-admin --email E --name N [--organisation ID] --password-stdin
      Create an instance administrator (first start without demo data).
  create-organisation --name N --kind county|ipr|municipality [--id ID] [--parent ID]
  create-agreement --id ID --title T [--admin EMAIL]
      Create an agreement; --admin makes an existing user its first admin.
  add-member --agreement ID --email E --role admin|editor|viewer
  reset-password --email E --password-stdin
      Set a new password and end all of that user's sessions.
  backup --to FILE
      Copy the live database to the new file FILE, checked; safe while the server runs.

Passwords are read from standard input so they never appear in the process list or
shell history, e.g.  printf '%s' "$PASSWORD" | pnpm tavla create-admin ...
The database is DB_PATH, or DATA_DIR/tavla.db (default ./data/tavla.db).`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value.trim();
}

async function readPassword(
  io: CliIo,
  values: Record<string, unknown>,
  person: { email?: string; name?: string },
): Promise<string> {
  if (values['password-stdin'] !== true) throw new UsageError('--password-stdin is required');
  // One trailing newline (from echo or a here-string) is not part of the password.
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const problem = newPasswordProblem(password, person);
  if (problem) throw new UsageError(`password: ${problem}`);
  return password;
}

/**
 * Administration from the command line (issue 5): `pnpm tavla create-admin ...` on a fresh
 * installation. Returns the process exit code: 0 ok, 1 refused (exists, unknown), 2 usage.
 */
export async function runAdminCommand(auth: Auth, argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const { accounts } = auth;
  try {
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        organisation: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        kind: { type: 'string' },
        id: { type: 'string' },
        parent: { type: 'string' },
        title: { type: 'string' },
        admin: { type: 'string' },
        agreement: { type: 'string' },
        role: { type: 'string' },
      },
    });
    switch (command) {
      case 'create-admin': {
        const email = required(values, 'email');
        const name = required(values, 'name');
        const password = await readPassword(io, values, { email, name });
        const user = accounts.createUser({
          email,
          name,
          organisationId: values.organisation ?? null,
          passwordHash: await auth.hashPassword(password),
          isInstanceAdmin: true,
        });
        accounts.audit({ kind: 'user.created', subjectUserId: user.id, detail: { via: 'cli' } });
        io.out(`Created instance administrator ${user.email} (${user.id}).`);
        return 0;
      }
      case 'create-organisation': {
        const kind = required(values, 'kind');
        if (kind !== 'county' && kind !== 'ipr' && kind !== 'municipality') {
          throw new UsageError('--kind must be county, ipr or municipality');
        }
        const org = accounts.createOrganisation({
          name: required(values, 'name'),
          kind,
          id: values.id,
          parentId: values.parent ?? null,
        });
        io.out(`Created organisation ${org.name} (${org.id}).`);
        return 0;
      }
      case 'create-agreement': {
        const adminEmail = values.admin;
        const admin = adminEmail ? accounts.userByEmail(adminEmail) : null;
        if (adminEmail && !admin) throw new AccountError('not_found', `no user ${adminEmail}`);
        const agreement = accounts.createAgreement({
          id: required(values, 'id'),
          title: required(values, 'title'),
        });
        if (admin)
          accounts.addMembership({ agreementId: agreement.id, userId: admin.id, role: 'admin' });
        io.out(`Created agreement ${agreement.id}${admin ? ` with admin ${admin.email}` : ''}.`);
        return 0;
      }
      case 'add-member': {
        const role = required(values, 'role');
        if (!ROLES.includes(role as Role))
          throw new UsageError('--role must be admin, editor or viewer');
        const email = required(values, 'email');
        const user = accounts.userByEmail(email);
        if (!user) throw new AccountError('not_found', `no user ${email}`);
        const agreementId = required(values, 'agreement');
        accounts.addMembership({ agreementId, userId: user.id, role: role as Role });
        io.out(`${user.email} is now ${role} of ${agreementId}.`);
        return 0;
      }
      case 'reset-password': {
        const email = required(values, 'email');
        const user = accounts.userByEmail(email);
        if (!user) throw new AccountError('not_found', `no user ${email}`);
        const password = await readPassword(io, values, user);
        accounts.setPasswordHash(user.id, await auth.hashPassword(password));
        const ended = auth.service.revokeSessions(user.id);
        accounts.audit({ kind: 'password.reset', subjectUserId: user.id, detail: { via: 'cli' } });
        io.out(`New password set for ${user.email}; ${ended.length} session(s) ended.`);
        return 0;
      }
      default:
        io.err(
          command && command !== 'help' && command !== '--help'
            ? `Unknown command: ${command}\n`
            : '',
        );
        io.err(USAGE);
        return command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      // parseArgs throws TypeError with code ERR_PARSE_ARGS_* for unknown or malformed options.
      io.err(`tavla: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AccountError) {
      io.err(`tavla: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
