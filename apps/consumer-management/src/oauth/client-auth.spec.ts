import { clientCredentials, oauthParams } from './client-auth';
import { OAuthError } from './oauth-error';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('OAuth client authentication parsing', () => {
  it('reads HTTP Basic with form-encoded id and secret (RFC 6749 §2.3.1)', () => {
    expect(clientCredentials(`Basic ${b64('cli_1:s%3Acret%2B')}`, {})).toEqual({
      clientId: 'cli_1',
      clientSecret: 's:cret+',
      method: 'client_secret_basic',
    });
  });

  it('reads client_secret_post', () => {
    expect(clientCredentials(undefined, { client_id: 'cli_1', client_secret: 'x' })).toEqual({
      clientId: 'cli_1',
      clientSecret: 'x',
      method: 'client_secret_post',
    });
    expect(clientCredentials(undefined, {})).toBeNull();
  });

  it('refuses two methods at once and malformed Basic', () => {
    const both = () =>
      clientCredentials(`Basic ${b64('a:b')}`, { client_id: 'a', client_secret: 'b' });
    expect(both).toThrow(OAuthError);
    expect(() => clientCredentials(`Basic ${b64('nocolon')}`, {})).toThrow(/Malformed/);
    expect(() => clientCredentials('Basic !!!', {})).toThrow(/Malformed/);
  });

  it('refuses repeated parameters', () => {
    expect(oauthParams({ grant_type: 'client_credentials' })).toEqual({
      grant_type: 'client_credentials',
    });
    expect(() => oauthParams({ scope: ['a', 'b'] })).toThrow(/repeated/);
    expect(() => oauthParams('x')).toThrow(OAuthError);
  });
});
