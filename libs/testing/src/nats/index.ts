export {
  countStreamMessages,
  purgeStreamSubjects,
  readStreamMessages,
  uniqueSuffix,
  type HasNatsConnection,
} from './stream-helpers';
