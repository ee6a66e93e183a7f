import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError, ManagementClient, type Endpoints } from './client';
import { dumpConfig, loadConfig } from './document';
import { applyPlan, buildPlan, renderPlan } from './plan';
import { readLiveState } from './state';

export const USAGE = `Usage: portico config <export|diff|apply> -f portico.yaml [options]

  export   write the live configuration to the file (- or no -f: stdout)
  diff     show what apply would change; exit 0 when nothing, 2 when changes are pending
  apply    show the plan, then make the live configuration match the file

Options:
  -f, --file <path>        the configuration file
  --prune                  also delete what the file does not name, within the sections
                           (apis, plans, consumers, webhooks) the file has
  --url <url>              the gateway, or any address serving every management API
                           (default $PORTICO_URL or http://127.0.0.1:8080)
  --registry-url <url>     the registry (overrides --url for APIs, versions and routes)
  --consumers-url <url>    consumer-management (plans and consumers)
  --webhooks-url <url>     the webhook dispatcher (webhook endpoints)
  --api-key <key>          an admin API key (default $PORTICO_API_KEY, else
                           $PORTICO_BOOTSTRAP_ADMIN_KEY, else .portico/admin-key)
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Exit codes: 0 done (or no changes), 1 error, 2 `diff` found changes. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const [group, command] = args.positionals;
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (group !== 'config' || !['export', 'diff', 'apply'].includes(command ?? '')) {
    io.stderr(USAGE);
    return 1;
  }
  const file = args.values.file;
  if (command !== 'export' && !file) {
    io.stderr(`portico config ${command}: -f <file> is required\n`);
    return 1;
  }
  const apiKey = resolveApiKey(args.values['api-key'], io);
  if (!apiKey) {
    io.stderr(
      'No API key: pass --api-key, set PORTICO_API_KEY, or run from a checkout where `npm start` wrote .portico/admin-key.\n',
    );
    return 1;
  }
  const client = new ManagementClient(resolveEndpoints(args.values, io.env), apiKey);
  try {
    if (command === 'export') return await exportCommand(client, file, io);
    const text = readText(file!, io);
    if (text === undefined) return 1;
    const loaded = loadConfig(file!, text);
    if (!loaded.ok) {
      io.stderr(`${loaded.errors.join('\n')}\n`);
      return 1;
    }
    const live = await readLiveState(client);
    const plan = buildPlan(loaded.config, live, args.values.prune ?? false, loaded.sections);
    io.stdout(`${renderPlan(plan).join('\n')}\n`);
    if (plan.problems.length > 0) {
      io.stderr(`${plan.problems.length} difference(s) cannot be applied; nothing was changed.\n`);
      return 1;
    }
    if (command === 'diff') return plan.changes.length === 0 ? 0 : 2;
    if (plan.changes.length === 0) return 0;
    await applyPlan(plan, { client, ids: live.ids }, (change) =>
      io.stdout(`applying ${change.op} ${change.what}\n`),
    );
    io.stdout(`Applied ${plan.changes.length} change(s).\n`);
    return 0;
  } catch (err) {
    if (err instanceof ApiError) {
      io.stderr(`error: ${err.describe()}\n`);
      return 1;
    }
    throw err;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      prune: { type: 'boolean' },
      url: { type: 'string' },
      'registry-url': { type: 'string' },
      'consumers-url': { type: 'string' },
      'webhooks-url': { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function exportCommand(
  client: ManagementClient,
  file: string | undefined,
  io: CliIo,
): Promise<number> {
  const live = await readLiveState(client);
  for (const note of live.notes) io.stderr(`note: ${note}\n`);
  const text = dumpConfig(live.config);
  if (!file || file === '-') io.stdout(text);
  else {
    writeFileSync(path.resolve(io.cwd, file), text);
    const c = live.config;
    io.stderr(
      `Wrote ${file}: ${c.apis.length} API(s), ${c.plans.length} plan(s), ${c.consumers.length} consumer(s), ${c.webhooks.length} webhook endpoint(s).\n`,
    );
  }
  return 0;
}

function readText(file: string, io: CliIo): string | undefined {
  try {
    return readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (err) {
    io.stderr(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})\n`);
    return undefined;
  }
}

function resolveEndpoints(
  values: Partial<Record<'url' | 'registry-url' | 'consumers-url' | 'webhooks-url', string>>,
  env: CliIo['env'],
): Endpoints {
  const base = values.url ?? env['PORTICO_URL'] ?? 'http://127.0.0.1:8080';
  return {
    registry: values['registry-url'] ?? base,
    consumers: values['consumers-url'] ?? base,
    webhooks: values['webhooks-url'] ?? base,
  };
}

/** The admin key `npm start` keeps in .portico/admin-key, looked for up from the working folder. */
function resolveApiKey(given: string | undefined, io: CliIo): string | undefined {
  const fromEnv = given ?? io.env['PORTICO_API_KEY'] ?? io.env['PORTICO_BOOTSTRAP_ADMIN_KEY'];
  if (fromEnv) return fromEnv;
  for (let dir = io.cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.portico', 'admin-key');
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8').trim();
    if (path.dirname(dir) === dir) return undefined;
  }
}
