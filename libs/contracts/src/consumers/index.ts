export * from './common';
export * from './tenants';
export * from './users';
export * from './plans';
export * from './consumers';
export * from './keys';
export * from './subscriptions';
export * from './oauth';
