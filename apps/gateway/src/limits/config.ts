/** The limits feature's configuration keys, merged into GatewayConfigSchema. */
export const LimitsConfigShape = {};
