export * from './event-types';
export * from './endpoints';
export * from './messages';
