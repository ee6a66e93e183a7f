// Running the Prisma CLI, and knowing whether its native schema engine is usable on this machine.
//
// The CLI checks for the native schema-engine binary before most commands (generate included) and
// downloads it when missing. On machines that cannot reach Prisma's binary host that download fails,
// although `prisma generate` never runs the binary. This file is the one place that works around it:
// only when the binary is absent AND cannot be fetched does generate point PRISMA_SCHEMA_ENGINE_BINARY
// at an existing executable (the running node), and migrate use the WebAssembly engine instead.
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from './services.mjs';

const require = createRequire(path.join(WORKSPACE_ROOT, 'package.json'));
const prismaPackageJson = require.resolve('prisma/package.json');
export const PRISMA_CLI = path.join(path.dirname(prismaPackageJson), 'build', 'index.js');
export const PRISMA_VERSION = require(prismaPackageJson).version;

const DEFAULT_BINARIES_HOST = 'binaries.prisma.sh';
const DNS_TIMEOUT_MS = 1_500;

function enginesPackageDir() {
  const enginesEntry = createRequire(prismaPackageJson).resolve('@prisma/engines');
  return path.dirname(path.dirname(enginesEntry));
}

function enginesHash() {
  try {
    const versionEntry = createRequire(
      createRequire(prismaPackageJson).resolve('@prisma/engines'),
    ).resolve('@prisma/engines-version');
    return require(versionEntry).enginesVersion;
  } catch {
    return null;
  }
}

/** True when the native schema engine is on disk (downloaded, cached or pointed at by env). */
function nativeEngineOnDisk(env) {
  for (const name of ['PRISMA_SCHEMA_ENGINE_BINARY', 'PRISMA_MIGRATION_ENGINE_BINARY']) {
    if (env[name]) return existsSync(path.resolve(env[name]));
  }
  try {
    if (readdirSync(enginesPackageDir()).some((f) => f.startsWith('schema-engine-'))) return true;
  } catch {
    // no @prisma/engines next to prisma: let the CLI decide
  }
  // Prisma's download cache: <cache>/prisma/master/<engines hash>/<platform>/schema-engine
  const hash = enginesHash();
  if (!hash) return false;
  const cacheDir = path.join(
    env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'prisma',
    'master',
    hash,
  );
  try {
    return readdirSync(cacheDir, { withFileTypes: true }).some(
      (platform) =>
        platform.isDirectory() &&
        readdirSync(path.join(cacheDir, platform.name)).some((f) => f.startsWith('schema-engine')),
    );
  } catch {
    return false;
  }
}

async function binariesHostResolves(env) {
  let host = DEFAULT_BINARIES_HOST;
  const mirror = env.PRISMA_ENGINES_MIRROR;
  if (mirror) {
    try {
      host = new URL(mirror).hostname;
    } catch {
      return false;
    }
  }
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), DNS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      lookup(host).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let statePromise;

/**
 * 'native': the binary is there or Prisma can download it; 'offline': neither.
 * PORTICO_DB_ENGINE=wasm|native forces the answer (CI, or testing the other path).
 */
export function schemaEngineMode(env = process.env) {
  statePromise ??= (async () => {
    const forced = env.PORTICO_DB_ENGINE;
    if (forced === 'wasm') return 'offline';
    if (forced === 'native') return 'native';
    if (nativeEngineOnDisk(env)) return 'native';
    return (await binariesHostResolves(env)) ? 'native' : 'offline';
  })();
  return statePromise;
}

const FETCH_FAILURE =
  /binaries\.prisma\.sh|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|Failed to fetch/;

export function isEngineFetchFailure(output) {
  return FETCH_FAILURE.test(output);
}

/** Runs the Prisma CLI; resolves with its exit code and combined output (never rejects on exit code). */
export function runPrisma(args, { env = process.env, cwd = WORKSPACE_ROOT, offline = false } = {}) {
  const childEnv = { ...env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (offline) childEnv.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath; // the gate only checks it exists
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: 1, output: String(err.message) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
