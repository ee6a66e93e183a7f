import { createLogger } from './logger';

describe('createLogger redaction', () => {
  function capture() {
    const lines: string[] = [];
    const logger = createLogger({
      service: 't',
      level: 'info',
      destination: { write: (l: string) => void lines.push(l) },
    });
    return { logger, out: () => lines.join('') };
  }

  it('masks credentials, outbound auth headers and OAuth2 wire fields', () => {
    const { logger, out } = capture();
    logger.info(
      {
        call: { headers: { authorization: 'Bearer tok-1', 'x-api-key': 'k-2', accept: 'json' } },
        token: { access_token: 'tok-3', client_secret: 's-4' },
        conn: { credentials: { apiKey: 'k-5' } },
      },
      'outbound',
    );
    for (const secret of ['tok-1', 'k-2', 'tok-3', 's-4', 'k-5'])
      expect(out()).not.toContain(secret);
    expect(out()).toContain('"accept":"json"');
  });

  it('censors credentials under their usual names, OAuth wire names included', () => {
    const { logger, out } = capture();
    logger.info(
      {
        body: { client_id: 'cli_1', client_secret: 's1', access_token: 't1', refresh_token: 'r1' },
        creds: { apiKey: 'k1', clientSecret: 's2' },
      },
      'x',
    );
    for (const secret of ['s1', 't1', 'r1', 'k1', 's2']) expect(out()).not.toContain(`"${secret}"`);
    expect(out()).toContain('"client_id":"cli_1"');
  });
});
