import { type AuthOptionsInput, authOptionsFromEnv } from './auth/index.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

/**
 * Process entry point (`node dist/main.js`; `pnpm start` runs its one-file bundle,
 * dist/tavla-server.mjs, through bin/tavla-server): configuration from the
 * environment, structured logs, demo seed, graceful shutdown on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  let authOptions: AuthOptionsInput;
  try {
    config = loadConfig(process.env);
    // Sessions, login throttling, proxies and cookies (README, auth/options.ts).
    authOptions = authOptionsFromEnv(process.env);
  } catch (err) {
    // ConfigError, or an auth option out of range: a person's mistake, said in one line.
    if (err instanceof Error) {
      process.stderr.write(`tavla: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel });
  let stop: (signal: string, exitCode?: number) => void = () => process.exit(1);
  process.on('uncaughtException', (err) => {
    // Every socket handler catches its own errors, so this is a bug whose damage we cannot
    // know: store what is pending and exit 1 for the supervisor to restart us. Nothing that
    // anyone received is lost ([D1]); clients reconnect and resend the rest.
    log.error('uncaught exception; shutting down', { error: err });
    stop('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', { error: reason as Error });
  });

  const server = await startServer({ config, log, authOptions });

  if (server.demoAccounts.length > 0) {
    const lines = server.demoAccounts.map(
      (a) => `  ${a.email.padEnd(28)} ${a.role.padEnd(7)} ${a.name} (${a.organisation})`,
    );
    process.stdout.write(
      `${[
        '',
        `Tavla is running at ${server.url}`,
        `Demo accounts (password: ${server.demoAccounts[0]?.password}):`,
        ...lines,
        '',
      ].join('\n')}\n`,
    );
  }
  if (server.demoExposed) {
    const warning = `DEMO ACCOUNTS WITH A PUBLIC PASSWORD EXIST AND THE SERVER LISTENS ON ${config.host}. Anyone who can reach it can sign in. Remove the demo accounts or bind HOST=127.0.0.1.`;
    log.warn(warning, { host: config.host });
    process.stderr.write(`\n!!! WARNING: ${warning}\n\n`);
  }

  let stopping = false;
  stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    // The service contract: exit within 5 s whatever happens.
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.sync.shutdownTimeoutMs + 400);
    force.unref();
    server.shutdown().then(
      (allStored) => process.exit(allStored ? exitCode : 1),
      (err) => {
        log.error('shutdown failed', { error: err as Error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`tavla: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
