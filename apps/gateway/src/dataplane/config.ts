/** The dataplane feature's configuration keys, merged into GatewayConfigSchema. */
export const DataPlaneConfigShape = {};
