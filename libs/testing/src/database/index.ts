export { createTestSchema } from './test-schema';
export type { ServiceFolder, TestSchema, TestSchemaOptions } from './test-schema';
