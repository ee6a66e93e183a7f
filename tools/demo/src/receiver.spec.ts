import { createHmac } from 'node:crypto';
import { verifySignature } from './receiver';

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;
const NOW = 1_800_000_000;

function sign(secret: string, id: string, ts: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
}

describe('verifySignature (Standard Webhooks)', () => {
  const body = '{"type":"registry.version.deprecated","data":{}}';
  const headers = (signature: string, ts = NOW) => ({
    id: 'msg_1',
    timestamp: String(ts),
    signature,
  });

  it('accepts a message signed with the secret, also among several signatures', () => {
    expect(verifySignature(SECRET, headers(sign(SECRET, 'msg_1', NOW, body)), body, NOW)).toBe(
      true,
    );
    const both = `${sign(OTHER, 'msg_1', NOW, body)} ${sign(SECRET, 'msg_1', NOW, body)}`;
    expect(verifySignature(SECRET, headers(both), body, NOW)).toBe(true);
  });

  it('refuses another secret, a changed body or id, and stale timestamps', () => {
    const good = sign(SECRET, 'msg_1', NOW, body);
    expect(verifySignature(OTHER, headers(good), body, NOW)).toBe(false);
    expect(verifySignature(SECRET, headers(good), `${body} `, NOW)).toBe(false);
    expect(verifySignature(SECRET, { ...headers(good), id: 'msg_2' }, body, NOW)).toBe(false);
    const old = sign(SECRET, 'msg_1', NOW - 600, body);
    expect(verifySignature(SECRET, headers(old, NOW - 600), body, NOW)).toBe(false);
    expect(verifySignature(SECRET, headers('v2,abc'), body, NOW)).toBe(false);
  });
});
