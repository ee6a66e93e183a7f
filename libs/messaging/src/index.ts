export {
  Messaging,
  type HandlerContext,
  type MessagingConnectOptions,
  type MessagingStatus,
  type RequestHandler,
  type RequestOptions,
  type Stoppable,
} from './messaging';
export type { StreamDef } from './streams';
export type { ConsumeDurableOptions, DurableMessage } from './durable-consumer';
export type { EventSubscription, SubscribeEventsOptions } from './event-subscription';
export { OUTBOX_TABLE, writeOutboxEvent, type SqlDatabase, type SqlExecutor } from './outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { SubjectNamespace } from './namespace';
export {
  countStreamMessages,
  readStreamMessages,
  purgeStreamSubjects,
  type HasNatsConnection,
} from './inspect';
