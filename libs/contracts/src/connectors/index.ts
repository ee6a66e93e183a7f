export * from './definition';
export * from './connection';
export * from './action';
