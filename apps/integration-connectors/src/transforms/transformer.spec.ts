import { RecordTransformer, toIsoUtc } from './transformer';

describe('RecordTransformer', () => {
  it('flattens nested objects, keeping arrays', async () => {
    const t = new RecordTransformer([{ type: 'flatten', separator: '_', maxDepth: 5 }]);
    expect(
      await t.apply({ id: 1, address: { city: 'Oslo', geo: { lat: 1 } }, tags: ['a'] }),
    ).toEqual({
      id: 1,
      address_city: 'Oslo',
      address_geo_lat: 1,
      tags: ['a'],
    });
  });

  it('renames (from nested paths), maps values and drops fields', async () => {
    const t = new RecordTransformer([
      { type: 'rename', fields: { 'profile.email': 'email', fullName: 'name' } },
      {
        type: 'map',
        field: 'status',
        values: { '1': 'active', '0': 'inactive' },
        default: 'unknown',
      },
      { type: 'drop', fields: ['internal', 'profile'] },
    ]);
    expect(
      await t.apply({
        fullName: 'Ada',
        profile: { email: 'a@x', x: 1 },
        status: 1,
        internal: true,
      }),
    ).toEqual({ name: 'Ada', email: 'a@x', status: 'active' });
    expect((await t.apply({ status: 7 }))['status']).toBe('unknown');
  });

  it('normalises dates to ISO-8601 UTC from several inputs', async () => {
    const t = new RecordTransformer([{ type: 'date', fields: ['a', 'b', 'c', 'd'], from: 'auto' }]);
    expect(
      await t.apply({
        a: '2024-05-01T12:00:00+02:00',
        b: 1714557600,
        c: 1714557600000,
        d: '2024-05-01 10:00:00',
      }),
    ).toEqual({
      a: '2024-05-01T10:00:00.000Z',
      b: '2024-05-01T10:00:00.000Z',
      c: '2024-05-01T10:00:00.000Z',
      d: '2024-05-01T10:00:00.000Z',
    });
    expect(toIsoUtc('01/05/2024 10:00', 'format', 'dd/MM/yyyy HH:mm', 'x')).toBe(
      '2024-05-01T10:00:00.000Z',
    );
    await expect(t.apply({ a: 'not a date' })).rejects.toThrow(/'a'.*not a date/);
  });

  it('coerces types, failing or nulling on bad values as configured', async () => {
    const t = new RecordTransformer([
      {
        type: 'coerce',
        fields: { n: 'integer', f: 'number', b: 'boolean', s: 'string' },
        onError: 'fail',
      },
    ]);
    expect(await t.apply({ n: '42', f: '1.5', b: 'yes', s: 7 })).toEqual({
      n: 42,
      f: 1.5,
      b: true,
      s: '7',
    });
    await expect(t.apply({ n: '4.2' })).rejects.toThrow(/cannot coerce/);
    const lenient = new RecordTransformer([
      { type: 'coerce', fields: { n: 'integer' }, onError: 'null' },
    ]);
    expect(await lenient.apply({ n: 'x' })).toEqual({ n: null });
  });

  it('adds constants and JSONata-computed fields', async () => {
    const t = new RecordTransformer([
      { type: 'constant', field: 'source', value: 'crm' },
      { type: 'compute', field: 'full_name', expression: 'first & " " & last' },
      { type: 'compute', field: 'total', expression: '$sum(items.price)' },
    ]);
    expect(
      await t.apply({ first: 'Ada', last: 'L', items: [{ price: 2 }, { price: 3 }] }),
    ).toMatchObject({
      source: 'crm',
      full_name: 'Ada L',
      total: 5,
    });
  });

  it('refuses a record that is not an object', async () => {
    await expect(new RecordTransformer([]).apply([1])).rejects.toThrow(/not a JSON object/);
  });
});
