export * from './metrics';
export * from './usage';
export * from './alerts';
