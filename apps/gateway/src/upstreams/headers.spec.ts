import { stripResponseHopHeaders, upstreamRequestHeaders } from './headers';

describe('upstreamRequestHeaders', () => {
  it('drops hop-by-hop headers, host and content-length, and keeps the rest (repeated ones too)', () => {
    const out = upstreamRequestHeaders({
      host: 'gw.example',
      connection: 'keep-alive, X-Session-Hop',
      'keep-alive': 'timeout=5',
      'proxy-authorization': 'Basic eA==',
      'proxy-connection': 'keep-alive',
      te: 'trailers',
      trailer: 'x',
      'transfer-encoding': 'chunked',
      upgrade: 'websocket',
      'content-length': '12',
      expect: '100-continue',
      'x-session-hop': 'dropped because Connection names it',
      accept: 'application/json',
      'x-multi': ['1', '2'],
    });
    expect(out).toEqual(['accept', 'application/json', 'x-multi', '1', 'x-multi', '2']);
  });
});

describe('stripResponseHopHeaders', () => {
  it('removes connection-level headers from an upstream answer', () => {
    const headers: Record<string, string | string[] | undefined> = {
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'content-type': 'text/plain',
      'set-cookie': ['a=1', 'b=2'],
    };
    stripResponseHopHeaders(headers);
    expect(headers).toEqual({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
  });
});
