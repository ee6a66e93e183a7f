// Shared by `npm start` and `npm test`. Plain Node, no dependencies: these run before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PNPM_VERSION = '10';

export function log(msg) {
  process.stdout.write(`\x1b[36m[portico]\x1b[0m ${msg}\n`);
}

export function fail(msg) {
  process.stderr.write(`\x1b[31m[portico]\x1b[0m ${msg}\n`);
  process.exit(1);
}

/** Runs a command in the repo root, inheriting stdio; exits the process when it fails. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: opts.env ?? process.env });
  if (res.error) fail(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) {
    if (opts.allowFailure) return res.status;
    fail(`'${cmd} ${args.join(' ')}' failed (exit ${res.status}).`);
  }
  return 0;
}

/** Makes sure pnpm is available, installing it with npm when absent (corepack cannot fetch it here). */
export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith(`${PNPM_VERSION}.`)) return 'pnpm';
  log(`pnpm ${PNPM_VERSION} not found; installing it with npm`);
  const res = spawnSync(
    'npm',
    ['install', '--global', `pnpm@${PNPM_VERSION}`, '--loglevel=error'],
    {
      stdio: 'inherit',
    },
  );
  if (res.status !== 0) fail(`could not install pnpm@${PNPM_VERSION} with npm.`);
  return 'pnpm';
}

export function install(pnpm) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run(pnpm, ['install', '--frozen-lockfile', '--reporter=silent']);
}

/** Reads KEY=VALUE lines of .env (if present) under the real environment. */
export function loadEnv() {
  const env = { ...process.env };
  const file = path.join(root, '.env');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
      if (m && env[m[1]] === undefined) env[m[1]] = m[2].replace(/^["']|["']$/g, '');
    }
  }
  return env;
}

export function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Checks PostgreSQL and NATS answer where the environment says they are. */
export async function checkInfrastructure(env) {
  const pg = new URL(env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/portico');
  const nats = new URL(env.NATS_URL ?? 'nats://127.0.0.1:4222');
  const needs = [
    {
      name: 'PostgreSQL',
      host: pg.hostname,
      port: Number(pg.port || 5432),
      variable: 'DATABASE_URL',
    },
    {
      name: 'NATS (with JetStream)',
      host: nats.hostname,
      port: Number(nats.port || 4222),
      variable: 'NATS_URL',
    },
  ];
  const missing = [];
  for (const n of needs) if (!(await reachable(n.host, n.port))) missing.push(n);
  if (missing.length > 0) {
    fail(
      missing
        .map(
          (n) =>
            `${n.name} is not reachable at ${n.host}:${n.port} (set ${n.variable} to point elsewhere).`,
        )
        .join('\n[portico] '),
    );
  }
}

export { spawn };
