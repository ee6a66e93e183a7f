export * from './apis';
export * from './versions';
export * from './import';
export * from './audit';
export * from './services';
