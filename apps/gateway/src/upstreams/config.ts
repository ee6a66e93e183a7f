/** The upstreams feature's configuration keys, merged into GatewayConfigSchema. */
export const UpstreamsConfigShape = {};
