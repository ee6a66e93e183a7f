import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The walkthrough's sample upstream: the product brief's camera-counting API (see
 * camera-api.openapi.yaml). Data is made up but stable: the same camera and hour always give the
 * same counts, so what a reader sees through the gateway can be checked against this server.
 */
export interface Camera {
  id: string;
  name: string;
  location: { lat: number; lon: number };
  status: 'active' | 'maintenance' | 'offline';
}

export const CAMERAS: readonly Camera[] = [
  {
    id: 'cam-001',
    name: 'Main Street / Station Square',
    location: { lat: 52.3791, lon: 4.9003 },
    status: 'active',
  },
  {
    id: 'cam-002',
    name: 'Harbour Bridge (north side)',
    location: { lat: 52.3842, lon: 4.9126 },
    status: 'active',
  },
  {
    id: 'cam-003',
    name: 'Museum Quarter cycle path',
    location: { lat: 52.358, lon: 4.8811 },
    status: 'maintenance',
  },
];

const OBJECT_CLASSES = ['pedestrian', 'bicycle', 'car'] as const;
const HOUR = 3_600_000;
const MAX_RANGE = 7 * 24 * HOUR;

export interface CountingResult {
  cameraId: string;
  objectClass: (typeof OBJECT_CLASSES)[number];
  from: string;
  to: string;
  count: number;
}

/** Deterministic count for a camera, class and hour. */
function countFor(cameraId: string, objectClass: string, hourStart: number): number {
  const digest = createHash('sha256').update(`${cameraId}|${objectClass}|${hourStart}`).digest();
  const base = objectClass === 'pedestrian' ? 400 : objectClass === 'bicycle' ? 250 : 120;
  return base + (digest.readUInt16BE(0) % 200);
}

export function countingResults(cameras: readonly Camera[], from: number, to: number) {
  const items: CountingResult[] = [];
  for (let hour = Math.floor(from / HOUR) * HOUR; hour < to; hour += HOUR) {
    for (const camera of cameras) {
      for (const objectClass of OBJECT_CLASSES) {
        items.push({
          cameraId: camera.id,
          objectClass,
          from: new Date(hour).toISOString(),
          to: new Date(hour + HOUR).toISOString(),
          count: countFor(camera.id, objectClass, hour),
        });
      }
    }
  }
  return items;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function parseTime(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export function handleCameraApi(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://camera-api');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'This sample API is read-only.' });
    return;
  }
  if (url.pathname === '/cameras') {
    send(res, 200, { items: CAMERAS, total: CAMERAS.length });
    return;
  }
  const camera = /^\/cameras\/([^/]+)$/.exec(url.pathname);
  if (camera) {
    const found = CAMERAS.find((c) => c.id === decodeURIComponent(camera[1]));
    if (found) send(res, 200, found);
    else send(res, 404, { code: 'NOT_FOUND', message: `No camera ${camera[1]}.` });
    return;
  }
  if (url.pathname === '/counting-results') {
    const now = Date.now();
    const to = parseTime(url.searchParams.get('to'), now);
    const from = parseTime(url.searchParams.get('from'), (to ?? now) - 6 * HOUR);
    if (from === undefined || to === undefined) {
      send(res, 400, { code: 'BAD_REQUEST', message: 'from and to must be ISO-8601 date-times.' });
      return;
    }
    if (to <= from || to - from > MAX_RANGE) {
      send(res, 400, {
        code: 'BAD_REQUEST',
        message: 'to must be after from, and at most 7 days later.',
      });
      return;
    }
    const cameraId = url.searchParams.get('cameraId');
    const cameras = cameraId ? CAMERAS.filter((c) => c.id === cameraId) : CAMERAS;
    if (cameraId && cameras.length === 0) {
      send(res, 404, { code: 'NOT_FOUND', message: `No camera ${cameraId}.` });
      return;
    }
    const items = countingResults(cameras, from, to);
    send(res, 200, { items, total: items.length });
    return;
  }
  if (url.pathname === '/health') {
    send(res, 200, { status: 'ok' });
    return;
  }
  send(res, 404, { code: 'NOT_FOUND', message: `No route ${url.pathname}.` });
}

export interface RunningCameraApi {
  url: string;
  /** Requests the server received (method and path with query), oldest first. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the sample API on 127.0.0.1 (port 0 = a free one). */
export async function startCameraApi(port = 0, host = '127.0.0.1'): Promise<RunningCameraApi> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handleCameraApi(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
