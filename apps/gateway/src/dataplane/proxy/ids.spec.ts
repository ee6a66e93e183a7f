import { acceptRequestId, continueTraceparent, newRequestId } from './ids';

describe('hot-path ids', () => {
  it('makes ULIDs that sort by time and do not repeat', () => {
    const a = newRequestId(1_700_000_000_000);
    const b = newRequestId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(a.slice(0, 10)).toBe('01HF7YAT00');
    const many = new Set(Array.from({ length: 10_000 }, () => newRequestId(1)));
    expect(many.size).toBe(10_000);
  });

  it('keeps a sane client request id and replaces anything else', () => {
    expect(acceptRequestId('abc-123', 0)).toBe('abc-123');
    expect(acceptRequestId('bad id with spaces', 0)).toHaveLength(26);
    expect(acceptRequestId(undefined, 0)).toHaveLength(26);
  });

  it('continues a valid trace with a new span and starts one otherwise', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const next = continueTraceparent(parent);
    expect(next).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(next).not.toBe(parent);
    const fresh = continueTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01');
    expect(fresh).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(fresh).not.toContain('00000000000000000000000000000000');
    expect(continueTraceparent(undefined)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
