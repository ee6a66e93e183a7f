import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ServiceDefinition } from '@portico/platform';
import type { z } from 'zod';
import { type ServiceFolder, type TestSchema, createTestSchema } from '../database';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Runs an app's main.ts from source in a child process, as `node` would run its build. */
export function spawnAppMain(app: string, env: Record<string, string>) {
  return spawn(
    process.execPath,
    [
      '--conditions=@portico/source',
      '-r',
      '@swc-node/register',
      path.join(repoRoot, 'apps', app, 'src', 'main.ts'),
    ],
    {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function collect(child: ReturnType<typeof spawn>) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { out, exited };
}

/**
 * The foundation's promises, checked for one app: it boots through the shared bootstrap, reports
 * ready (and not-ready naming PostgreSQL when its database is unreachable), serves metrics and its
 * OpenAPI, refuses bad configuration with one line per problem and exit code 1, and stops cleanly
 * on SIGTERM.
 */
export function describeServiceBoot<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  opts: { database?: ServiceFolder; extraEnv?: Record<string, string> } = {},
): void {
  describe(`${def.name}: boots through the shared platform`, () => {
    let schema: TestSchema | undefined;
    let app: TestApp;
    const env = (): Record<string, string> => ({
      ...(schema ? { DATABASE_URL: schema.url } : {}),
      ...opts.extraEnv,
    });

    beforeAll(async () => {
      if (opts.database) schema = await createTestSchema(opts.database);
      app = await startTestApp(def, env());
      await app.waitUntilReady();
    });
    afterAll(async () => {
      await app?.close();
      await schema?.drop();
    });

    it('reports ready with each dependency up', async () => {
      const res = await app.client.get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.info.nats.status).toBe('up');
      if (opts.database) expect(res.body.info.database.status).toBe('up');
    });

    it('serves Prometheus metrics and its OpenAPI document', async () => {
      const metrics = await app.client.get('/metrics');
      expect(metrics.text).toContain(`service="${def.name}"`);
      const doc = await app.client.get('/docs-json');
      expect(doc.body.info.title).toBe(def.openapi.title);
    });

    if (opts.database) {
      it('reports not-ready naming the database while PostgreSQL is unreachable', async () => {
        const broken = await startTestApp(def, {
          ...env(),
          DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/portico',
        });
        try {
          const res = await waitFor(async () => {
            const r = await broken.client.get('/health/ready');
            // Wait for NATS to connect so that the database is the only thing down.
            return r.status === 503 && r.body.info?.nats ? r : undefined;
          });
          expect(res.body.status).toBe('error');
          expect(res.body.error.database.status).toBe('down');
          expect(Object.keys(res.body.error)).toEqual(['database']);
          expect((await broken.client.get('/health/live')).status).toBe(200);
        } finally {
          await broken.close();
        }
      });
    }

    it('exits 1 with one readable line per configuration problem', async () => {
      const child = spawnAppMain(def.name, {
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        NATS_URL: 'http://x',
      });
      const { out, exited } = collect(child);
      expect(await exited).toBe(1);
      const lines = out.stderr.trim().split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          `[${def.name}] config error: PORT: must be a number (got 'eighty')`,
          expect.stringMatching(
            new RegExp(`^\\[${def.name}\\] config error: LOG_LEVEL: must be one of`),
          ),
          expect.stringMatching(
            new RegExp(`^\\[${def.name}\\] config error: NATS_URL: must be a URL`),
          ),
        ]),
      );
      expect(lines).toHaveLength(3);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }, 30_000);

    it('shuts down gracefully on SIGTERM', async () => {
      const child = spawnAppMain(def.name, {
        ...env(),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
      const { out, exited } = collect(child);
      await waitFor(() => out.stdout.includes('listening'), {
        timeoutMs: 20_000,
        what: `${def.name} to listen`,
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out.stdout).toContain('"msg":"shutdown complete"');
    }, 30_000);
  });
}
