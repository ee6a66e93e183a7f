#!/usr/bin/env node
// Regenerates libs/sdk/openapi.json and libs/sdk/src/generated/portico.ts from the apps' code:
// each app's Nest application is built in-process (nothing listens, nothing connects) and its
// OpenAPI document merged exactly as the gateway's docs hub merges them.
//
//   pnpm --filter @portico/sdk generate      write the files
//   node scripts/generate.mjs --out-dir DIR  write them into DIR instead (the drift test)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdkRoot = path.resolve(here, '..');
const repoRoot = path.resolve(sdkRoot, '../..');
export const OPENAPI_FILE = path.join(sdkRoot, 'openapi.json');
export const TYPES_FILE = path.join(sdkRoot, 'src/generated/portico.ts');

// The apps are TypeScript sources: run again with the SWC loader and the workspace's source
// condition, as `spawnAppMain` runs an app.
if (!process.env.PORTICO_SDK_GENERATOR) {
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=@portico/source',
      '-r',
      '@swc-node/register',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, PORTICO_SDK_GENERATOR: '1', TZ: 'UTC' },
    },
  );
  process.exit(child.status ?? 1);
}

const require = createRequire(import.meta.url);
const { buildServiceOpenApi } = require('@portico/platform');
const { buildPorticoOpenApi } = require('@portico/contracts');

/** Order is the document's order: the gateway first, then the control plane. */
const SERVICES = [
  ['gateway', 'gateway', 'gatewayService'],
  ['registry', 'registry', 'registryService'],
  ['consumer-management', 'consumer-management', 'consumerManagementService'],
  ['analytics', 'analytics', 'analyticsService'],
  ['webhook-dispatcher', 'webhook-dispatcher', 'webhookDispatcherService'],
  ['integration-connectors', 'integration-connectors', 'integrationConnectorsService'],
];

// Valid config for every app; nothing here is ever dialled (apps connect only when they listen).
const OFFLINE_ENV = {
  NODE_ENV: 'test',
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: 'postgresql://sdk-generator@127.0.0.1:1/portico',
  NATS_URL: 'nats://127.0.0.1:1',
  PORTICO_STATIC_SERVICES: '',
};

async function generate() {
  const services = [];
  for (const [name, folder, exportName] of SERVICES) {
    const mod = require(path.join(repoRoot, 'apps', folder, 'src', 'service.ts'));
    const document = await buildServiceOpenApi(mod[exportName], OFFLINE_ENV);
    services.push({ name, document: JSON.parse(JSON.stringify(document)) });
  }
  const { version } = require(path.join(sdkRoot, 'package.json'));
  const { document } = buildPorticoOpenApi({
    serverUrl: 'http://127.0.0.1:8080',
    version,
    services,
  });

  const prettier = require('prettier');
  const format = async (text, filepath) =>
    prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
  const openapi = await format(JSON.stringify(document), OPENAPI_FILE);

  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(openapi), {
    alphabetize: true,
    // Request bodies may leave out fields with a default (the service fills them in).
    defaultNonNullable: false,
  });
  const banner =
    '// Generated from openapi.json by scripts/generate.mjs. Do not edit: run\n' +
    '// `pnpm --filter @portico/sdk generate`.\n';
  const types = await format(banner + astToString(ast), TYPES_FILE);
  return { openapi, types };
}

const out = await generate();
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag > 0 ? path.resolve(process.argv[outDirFlag + 1] ?? '.') : undefined;
const openapiFile = outDir ? path.join(outDir, 'openapi.json') : OPENAPI_FILE;
const typesFile = outDir ? path.join(outDir, 'portico.ts') : TYPES_FILE;
writeFileSync(openapiFile, out.openapi);
writeFileSync(typesFile, out.types);
// Exit once the report is flushed: Nest apps may leave timers behind after close.
process.stdout.write(`wrote ${openapiFile} and ${typesFile}\n`, () => process.exit(0));
