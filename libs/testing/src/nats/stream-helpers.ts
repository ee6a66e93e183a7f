import { randomBytes } from 'node:crypto';

export {
  countStreamMessages,
  purgeStreamSubjects,
  readStreamMessages,
  type HasNatsConnection,
} from '@portico/messaging';

/** Lower-case letters and digits: safe in subjects, event types, stream and durable names, SQL. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
