#!/usr/bin/env node
// Portico's database tool: `pnpm db <command>` (node tools/db/cli.mjs). Plain Node, runs before any build.
import { parseArgs } from 'node:util';
import { check, createMigration, migrate, status } from './lib/commands.mjs';
import { DbToolError } from './lib/errors.mjs';
import { generate } from './lib/generate.mjs';
import { SERVICES, selectServices } from './lib/services.mjs';

const USAGE = `Usage: pnpm db <command> [folder...] [options]

Commands
  generate [folder...]          generate the Prisma clients into apps/<app>/src/generated/prisma
                                (skipped when schema.prisma is unchanged; --force to regenerate)
  migrate [folder...]           apply pending migrations (creates the database and schema if missing)
  new <folder> --name <name>    create the next migration from the changes in schema.prisma
  check [folder...]             exit 1 when a schema.prisma has changes without a migration (CI)
  status [folder...]            applied and pending migrations per service

Folders: ${SERVICES.map((s) => s.folder).join(', ')} (all when none given)

Options
  --name <name>     migration name for \`new\` (e.g. add_api_keys)
  --dir <path>      prisma root to use instead of ./prisma (tests)
  --force           \`generate\` even when nothing changed
  -h, --help        this help

Connection: <APP>_DATABASE_URL when set (e.g. REGISTRY_DATABASE_URL), else DATABASE_URL
(default postgresql://postgres@127.0.0.1:5432/portico); each service works in its own schema
unless the URL names one with ?schema=.`;

const log = (line) => process.stdout.write(`${line}\n`);

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        dir: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new DbToolError(`${err.message.split('. ')[0]} (see pnpm db --help)`);
  }
  const { values, positionals } = parsed;
  const [command, ...folders] = positionals;
  if (values.help || !command) {
    log(USAGE);
    return values.help ? 0 : 1;
  }
  const services = () => selectServices(folders, values.dir);
  switch (command) {
    case 'generate':
      await generate(services(), { force: values.force, log });
      return 0;
    case 'migrate':
      await migrate(services(), { log });
      return 0;
    case 'new': {
      if (folders.length !== 1)
        throw new DbToolError('new takes exactly one folder: new <folder> --name <name>');
      await createMigration(services()[0], values.name, { log });
      return 0;
    }
    case 'check':
      await check(services(), { log });
      return 0;
    case 'status':
      await status(services(), { log });
      return 0;
    default:
      throw new DbToolError(`unknown command '${command}' (see pnpm db --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof DbToolError) {
      process.stderr.write(`db: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`db: unexpected error: ${err?.stack ?? err}\n`);
    process.exit(2);
  },
);
