/** The cache feature's configuration keys, merged into GatewayConfigSchema. */
export const CacheConfigShape = {};
