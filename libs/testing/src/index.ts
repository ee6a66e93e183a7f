export * from './consul/consul-double';
export * from './database';
export * from './nats';
export * from './app/http-client';
export * from './app/test-app';
export * from './app/wait-for';
export * from './app/service-boot-suite';
export { TEST_NATS_NAMESPACE, releaseNamespace } from './app/nats-namespace';
export * from './app/credentials-double';
