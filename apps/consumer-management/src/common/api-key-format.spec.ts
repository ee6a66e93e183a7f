import { formatApiKey, keyPrefix, maskedKey, parseApiKey } from './api-key-format';

describe('API key format', () => {
  const id = 'key_01J9Z3ABCDEFGHJKMNPQRSTVWX';
  const secret = 'a'.repeat(20) + 'B'.repeat(20);

  it('round-trips pk_live_<id>_<secret>', () => {
    const key = formatApiKey(id, secret);
    expect(key).toBe(`pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWX_${secret}`);
    expect(parseApiKey(key)).toEqual({ keyId: id, secret });
    expect(keyPrefix(id)).toBe('pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWX');
    expect(maskedKey(id)).toBe('pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWX_****');
  });

  it.each([
    '',
    'pk_live_',
    `pk_test_01J9Z3ABCDEFGHJKMNPQRSTVWX_${secret}`,
    `pk_live_01J9Z3ABCDEFGHJKMNPQRSTVW_${secret}`,
    `pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWX_short`,
    `pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWX_${secret}!`,
    `pk_live_01J9Z3ABCDEFGHJKMNPQRSTVWI_${secret}`,
  ])('rejects %p', (key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});
