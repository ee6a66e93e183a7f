import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { startCameraApi, type RunningCameraApi } from '../src/camera-api';

describe('the sample camera API (the walkthrough upstream)', () => {
  let api: RunningCameraApi;
  const get = async (p: string) => {
    const res = await fetch(`${api.url}${p}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    api = await startCameraApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists cameras and finds one by id', async () => {
    const list = await get('/cameras');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((c: any) => c.id)).toEqual(['cam-001', 'cam-002', 'cam-003']);
    expect((await get('/cameras/cam-002')).body).toMatchObject({ id: 'cam-002', status: 'active' });
    expect((await get('/cameras/cam-999')).status).toBe(404);
  });

  it('serves stable hourly counting results for a camera and range', async () => {
    const q =
      '/counting-results?cameraId=cam-001&from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z';
    const first = await get(q);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(6); // 2 hours × 3 object classes
    expect(first.body.items[0]).toMatchObject({
      cameraId: 'cam-001',
      from: '2026-01-01T10:00:00.000Z',
      to: '2026-01-01T11:00:00.000Z',
    });
    expect((await get(q)).body).toEqual(first.body);
    const all = await get('/counting-results?from=2026-01-01T10:00:00Z&to=2026-01-01T11:00:00Z');
    expect(all.body.total).toBe(9);
  });

  it('answers bad input with 400 and unknown cameras with 404', async () => {
    expect((await get('/counting-results?from=yesterday')).status).toBe(400);
    const backwards = '/counting-results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z';
    expect((await get(backwards)).status).toBe(400);
    expect((await get('/counting-results?cameraId=cam-404')).status).toBe(404);
  });

  it('matches its OpenAPI 3.1 document', () => {
    const doc = parse(readFileSync(path.join(__dirname, '..', 'camera-api.openapi.yaml'), 'utf8'));
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/cameras',
      '/cameras/{id}',
      '/counting-results',
    ]);
    const params = doc.paths['/counting-results'].get.parameters.map((p: any) => p.name);
    expect(params).toEqual(['cameraId', 'from', 'to']);
  });
});
