import { natsServerOptions, redactNatsUrl } from './connection';

describe('natsServerOptions', () => {
  it('takes a plain URL as the only server', () => {
    expect(natsServerOptions('nats://127.0.0.1:4222')).toEqual({
      servers: ['nats://127.0.0.1:4222'],
    });
  });

  it('accepts host:port without a scheme', () => {
    expect(natsServerOptions('localhost:4222').servers).toEqual(['nats://localhost:4222']);
  });

  it('moves user and password out of the URL', () => {
    expect(natsServerOptions('nats://svc:p%40ss@nats:4222')).toEqual({
      servers: ['nats://nats:4222'],
      user: 'svc',
      pass: 'p@ss',
    });
  });

  it('treats a lone user part as a token', () => {
    expect(natsServerOptions('nats://s3cret@nats:4222')).toEqual({
      servers: ['nats://nats:4222'],
      token: 's3cret',
    });
  });

  it('splits a comma-separated cluster list', () => {
    expect(natsServerOptions('nats://a:4222, nats://b:4222').servers).toEqual([
      'nats://a:4222',
      'nats://b:4222',
    ]);
  });

  it('rejects an empty URL', () => {
    expect(() => natsServerOptions(' ')).toThrow('NATS url is empty.');
  });

  it('redacts credentials for logs', () => {
    expect(redactNatsUrl('nats://svc:secret@nats:4222')).toBe('nats://nats:4222');
  });
});
