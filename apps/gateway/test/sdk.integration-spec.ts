import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '@portico/testing';
import { gatewayService } from '../src/service';

const SDK_PACKAGE = JSON.parse(
  readFileSync(path.join(__dirname, '../../../libs/sdk/package.json'), 'utf8'),
) as { name: string; version: string };

/** Lists and reads the tarball with the system's tar, independently of the gateway's code. */
function tarball(bytes: Buffer, dir: string) {
  const file = path.join(dir, 'download.tgz');
  writeFileSync(file, bytes);
  const list = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
  const manifest = spawnSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' });
  return { file, status: list.status, entries: list.stdout.split('\n'), manifest: manifest.stdout };
}

describe('gateway SDK listing and download', () => {
  let gateway: TestApp;
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-sdk-test-'));

  beforeAll(async () => {
    gateway = await startTestApp(gatewayService, {
      LOG_LEVEL: 'warn',
      GATEWAY_SDK_CACHE_DIR: path.join(dir, 'cache'),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the TypeScript SDK with its download URL, docs and install instructions', async () => {
    const res = await gateway.client.get('/api/v1/sdk');
    expect(res.status).toBe(200);
    const downloadUrl = `${gateway.url}/api/v1/sdk/typescript/${SDK_PACKAGE.version}/download`;
    expect(res.body.data.sdks).toEqual([
      expect.objectContaining({
        language: 'typescript',
        packageName: '@portico/sdk',
        version: SDK_PACKAGE.version,
        downloadUrl,
        documentation: `${gateway.url}/api/v1/docs?format=html`,
        install: expect.arrayContaining([`npm install ${downloadUrl}`]),
      }),
    ]);
    expect(res.body.data.sdks[0].examples.length).toBeGreaterThan(0);

    const filtered = await gateway.client.get(`/api/v1/sdk?language=typescript&version=9.9.9`);
    expect(filtered.body.data.sdks).toEqual([]);
    const bad = await gateway.client.get('/api/v1/sdk?language=cobol');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('serves the packed SDK as a gzip tarball whose package.json names @portico/sdk', async () => {
    const listed = (await gateway.client.get('/api/v1/sdk')).body.data.sdks[0];
    const res = await fetch(listed.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/gzip');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const tgz = tarball(bytes, dir);
    expect(tgz.status).toBe(0);
    expect(tgz.entries).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/dist/index.js',
        'package/openapi.json',
      ]),
    );
    const manifest = JSON.parse(tgz.manifest);
    expect(manifest).toMatchObject({ name: '@portico/sdk', version: SDK_PACKAGE.version });
    // The packed manifest points at the build, not at the workspace sources.
    expect(JSON.stringify(manifest.exports)).not.toContain('@portico/source');

    // Packed once: a second download is the same file.
    const again = Buffer.from(await (await fetch(listed.downloadUrl)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);

    // A gateway configured with that tarball serves it as is.
    const configured = await startTestApp(gatewayService, {
      LOG_LEVEL: 'warn',
      GATEWAY_SDK_TARBALL: tgz.file,
    });
    try {
      const list = await configured.client.get('/api/v1/sdk?language=typescript');
      expect(list.body.data.sdks[0].version).toBe(SDK_PACKAGE.version);
      const served = await fetch(list.body.data.sdks[0].downloadUrl);
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await configured.close();
    }
  }, 240_000);

  it('answers 404 for a version or language it does not offer', async () => {
    for (const p of [
      '/api/v1/sdk/typescript/9.9.9/download',
      '/api/v1/sdk/python/0.1.0/download',
    ]) {
      const res = await gateway.client.get(p);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' } });
    }
  });
});
