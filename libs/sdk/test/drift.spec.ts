import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sdkRoot = path.resolve(__dirname, '..');
const REGENERATE = 'pnpm --filter @portico/sdk generate';

/** Where two texts first differ, as `line N: "checked in" vs "generated"`. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify(x[i])} vs ${JSON.stringify(y[i])}`;
  }
  return 'no line differs';
}

function compare(file: string, fresh: string): void {
  const checkedIn = readFileSync(path.join(sdkRoot, file), 'utf8');
  if (checkedIn !== fresh) {
    throw new Error(
      `libs/sdk/${file} is out of date with the apps' code (${firstDifference(checkedIn, fresh)}). ` +
        `Run \`${REGENERATE}\` and commit the result.`,
    );
  }
}

describe('SDK drift check', () => {
  it('openapi.json and the generated types match what the apps produce now', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portico-sdk-drift-'));
    try {
      await new Promise<void>((resolve, reject) =>
        execFile(
          process.execPath,
          [path.join(sdkRoot, 'scripts/generate.mjs'), '--out-dir', dir],
          { cwd: sdkRoot, env: { ...process.env, TZ: 'UTC' } },
          (err, _out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
        ),
      );
      compare('openapi.json', readFileSync(path.join(dir, 'openapi.json'), 'utf8'));
      compare('src/generated/portico.ts', readFileSync(path.join(dir, 'portico.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
