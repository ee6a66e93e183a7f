/** The auth feature's configuration keys, merged into GatewayConfigSchema. */
export const AuthConfigShape = {};
