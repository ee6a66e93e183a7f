// `generate`: the Prisma client of each service, into the owning app (apps/<app>/src/generated/prisma).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DbToolError } from './errors.mjs';
import {
  isEngineFetchFailure,
  PRISMA_VERSION,
  runPrisma,
  schemaEngineMode,
} from './prisma-cli.mjs';
import { readSchema } from './services.mjs';

const STAMP = '.schema-hash';
// Bump when the way clients are generated changes, to invalidate every stamp.
const GENERATION = '1';

function generatorOutput(service, schemaText) {
  const block = /generator\s+\w+\s*\{([^}]*)\}/m.exec(schemaText);
  const output = block && /^\s*output\s*=\s*"([^"]+)"/m.exec(block[1]);
  if (!output) throw new DbToolError(`${service.folder}: schema.prisma has no generator output`);
  return path.resolve(service.dir, output[1]);
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function generateOne(service, { force, log }) {
  const text = readSchema(service);
  const outDir = generatorOutput(service, text);
  const hash = createHash('sha256')
    .update(`${GENERATION}\0${PRISMA_VERSION}\0${text}`)
    .digest('hex');
  const stamp = path.join(outDir, STAMP);
  if (!force && existsSync(path.join(outDir, 'client.ts')) && existsSync(stamp)) {
    if (readFileSync(stamp, 'utf8').trim() === hash) {
      log(`${service.folder}: client up to date (${path.relative(process.cwd(), outDir)})`);
      return;
    }
  }
  const args = ['generate', '--schema', service.schemaFile, '--no-hints'];
  const offline = (await schemaEngineMode()) === 'offline';
  let result = await runPrisma(args, { offline });
  if (result.code !== 0 && !offline && isEngineFetchFailure(result.output)) {
    result = await runPrisma(args, { offline: true });
  }
  if (result.code !== 0) {
    throw new DbToolError(`${service.folder}: prisma generate failed\n${result.output.trim()}`);
  }
  writeFileSync(stamp, `${hash}\n`);
  log(`${service.folder}: generated client in ${path.relative(process.cwd(), outDir)}`);
}

export async function generate(services, { force = false, log }) {
  const limit = Math.max(1, Math.min(services.length, os.availableParallelism?.() ?? 2));
  const failures = [];
  await mapLimit(services, limit, (s) =>
    generateOne(s, { force, log }).catch((err) => {
      failures.push(err);
    }),
  );
  if (failures.length > 0) throw new DbToolError(failures.map((e) => e.message).join('\n'));
}
