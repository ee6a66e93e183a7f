/** The docs feature's configuration keys, merged into GatewayConfigSchema. */
export const DocsConfigShape = {};
