import {
  CreateWebhookEndpointSchema,
  WEBHOOK_RESERVED_EVENT_NAMESPACES,
  WebhookSecretSchema,
  isReservedWebhookEventType,
  webhookEventFilterMatches,
} from './index';

describe('webhook event-type filters', () => {
  it.each([
    ['registry.version.*', 'registry.version.published', true],
    ['registry.version.*', 'registry.version', false],
    ['registry.version.*', 'registry.api.created', false],
    ['registry.*', 'registry.api.created', true],
    ['registry.*', 'registry', false],
    ['*', 'anything.at.all', true],
    ['*.created', 'consumer.created', true],
    ['*.created', 'registry.api.created', false],
    ['registry.*.created', 'registry.api.created', true],
    ['registry.*.created', 'registry.api.deleted', false],
    ['consumer.created', 'consumer.created', true],
    ['consumer.created', 'consumer.created.extra', false],
    ['consumer.created.extra', 'consumer.created', false],
  ])('%s on %s is %s', (filter, type, expected) => {
    expect(webhookEventFilterMatches(filter, type)).toBe(expected);
  });
});

describe('custom event types', () => {
  it("reserves the catalogue's namespaces", () => {
    expect(WEBHOOK_RESERVED_EVENT_NAMESPACES).toEqual(
      expect.arrayContaining(['registry', 'consumer', 'analytics', 'webhook', 'connector']),
    );
    expect(isReservedWebhookEventType('registry.api.created')).toBe(true);
    expect(isReservedWebhookEventType('registry.custom')).toBe(true);
    expect(isReservedWebhookEventType('invoice.paid')).toBe(false);
  });
});

describe('endpoint schemas', () => {
  it('accepts secrets of 24 to 64 bytes only', () => {
    const b64 = (n: number) => 'whsec_' + Buffer.alloc(n, 7).toString('base64');
    expect(WebhookSecretSchema.safeParse(b64(24)).success).toBe(true);
    expect(WebhookSecretSchema.safeParse(b64(64)).success).toBe(true);
    expect(WebhookSecretSchema.safeParse(b64(23)).success).toBe(false);
    expect(WebhookSecretSchema.safeParse(b64(65)).success).toBe(false);
    expect(WebhookSecretSchema.safeParse('sk_' + b64(32)).success).toBe(false);
  });

  it('applies the seed defaults and refuses headers Portico sets', () => {
    const parsed = CreateWebhookEndpointSchema.parse({ url: 'https://example.com/hook' });
    expect(parsed).toMatchObject({ httpMethod: 'POST', timeoutSeconds: 15, isActive: true });
    const bad = CreateWebhookEndpointSchema.safeParse({
      url: 'https://example.com/hook',
      headers: { 'webhook-signature': 'x', Host: 'evil', 'X-Ok': 'fine' },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      'webhook-* headers are set by Portico',
      'is set by Portico',
    ]);
  });
});
