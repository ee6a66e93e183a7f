export type { Discovery, InstancesListener, ServiceInstance } from './types';
export { ConsulClient, ConsulError } from './consul-client';
export type {
  ConsulAgentSelf,
  ConsulClientOptions,
  ConsulServiceDefinition,
  HealthServiceOptions,
  HealthServiceResult,
} from './consul-client';
export { ConsulDiscovery } from './consul-discovery';
export type { ConsulDiscoveryOptions } from './consul-discovery';
export type { HealthSource } from './service-watch';
export {
  DEFAULT_SERVICE_PORTS,
  StaticDiscovery,
  parseStaticServices,
  staticServicesWithDefaults,
} from './static-discovery';
export type { StaticInstanceSpec, StaticTarget } from './static-discovery';
export { ServiceRegistration } from './service-registration';
export type { ServiceRegistrationSpec } from './service-registration';
export { createDiscovery } from './create-discovery';
export type { CreateDiscoveryOptions } from './create-discovery';
