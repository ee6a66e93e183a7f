import {
  ERROR_CODES,
  ERROR_HTTP_STATUS,
  EVENT_TYPES,
  ErrorCode,
  PorticoError,
  createCloudEvent,
  errorCodeForStatus,
  eventCatalogueJsonSchema,
  eventSubject,
  isCloudEvent,
  isId,
  newId,
} from './index';

describe('error codes', () => {
  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_HTTP_STATUS[code]).toBeLessThan(600);
    }
  });

  it('maps bare statuses to the matching code', () => {
    expect(errorCodeForStatus(404)).toBe(ErrorCode.NOT_FOUND);
    expect(errorCodeForStatus(413)).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(errorCodeForStatus(504)).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(errorCodeForStatus(599)).toBe(ErrorCode.INTERNAL_ERROR);
  });

  it('PorticoError carries its status from the code', () => {
    const e = PorticoError.conflict('no', [{ field: 'status', message: 'bad' }]);
    expect(e.status).toBe(409);
    expect(e.details).toHaveLength(1);
  });
});

describe('ids', () => {
  it('are prefixed, valid and sortable in creation order', () => {
    const ids = Array.from({ length: 50 }, () => newId('api'));
    expect(ids.every((id) => isId(id, 'api'))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(isId(ids[0]!, 'key')).toBe(false);
    expect(isId('api_nope')).toBe(false);
  });
});

describe('cloud events', () => {
  it('builds a CloudEvents 1.0 envelope with tenant and revision', () => {
    const e = createCloudEvent({
      source: 'registry',
      type: 'registry.api.created',
      tenantId: 'ten_1',
      subject: 'api_1',
      revision: 7,
      data: { apiId: 'api_1', name: 'cams', title: 'Cameras' },
    });
    expect(isCloudEvent(e)).toBe(true);
    expect(e).toMatchObject({
      specversion: '1.0',
      tenantid: 'ten_1',
      revision: 7,
      subject: 'api_1',
    });
    expect(eventSubject(e.type)).toBe('portico.events.registry.api.created');
  });

  it('publishes a JSON Schema for every catalogued event type', () => {
    const schemas = eventCatalogueJsonSchema();
    expect(schemas.map((s) => s.type)).toEqual(EVENT_TYPES);
    const deprecated = schemas.find((s) => s.type === 'registry.version.deprecated')!;
    expect(deprecated.schema).toMatchObject({ type: 'object' });
    expect((deprecated.schema['required'] as string[]).sort()).toContain('sunsetAt');
  });
});
