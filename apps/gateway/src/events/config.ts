/** The events feature's configuration keys, merged into GatewayConfigSchema. */
export const EventsConfigShape = {};
