import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { root, testing, undici } from './resolve';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds processes have used so far (user + system), from /proc. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Runs `fn` and measures the CPU the processes spent meanwhile, in ms per operation. */
export async function withCpu<T>(
  pids: readonly number[],
  ops: number,
  fn: () => Promise<T>,
): Promise<T & { cpuMsPerOp: number }> {
  const before = cpuSeconds(pids);
  const result = await fn();
  return { ...result, cpuMsPerOp: ((cpuSeconds(pids) - before) * 1000) / ops };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface AppInstance {
  child: ChildProcess;
  pool: InstanceType<typeof undici.Pool>;
  base: string;
}

/** consumer-management from source in its own process, ready, with a keep-alive pool to it. */
export async function startApp(
  env: Record<string, string>,
  connections: number,
): Promise<AppInstance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = testing.spawnAppMain('consumer-management', {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  child.stderr?.pipe(process.stderr);
  child.stdout?.on('data', (d: Buffer) => {
    if (process.env['BENCH_APP_LOGS']) process.stderr.write(d);
  });
  const pool = new undici.Pool(base, { connections });
  await testing.waitFor(
    async () => {
      const r = await pool.request({ path: '/health/ready', method: 'GET' }).catch(() => null);
      await r?.body.dump();
      return r?.statusCode === 200;
    },
    { timeoutMs: 60_000, what: 'consumer-management to be ready' },
  );
  return { child, pool, base };
}

/** The NATS echo responder (echo.ts) in its own process; resolves once it answers. */
export function startEcho(natsUrl: string, namespace: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@portico/source', '-r', '@swc-node/register', path.join(__dirname, 'echo.ts')],
    {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        NATS_URL: natsUrl,
        PORTICO_NATS_NAMESPACE: namespace,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`echo responder exited (${code})`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
