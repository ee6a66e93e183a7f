export {
  OpenApiMerger,
  joinPaths,
  pascalPrefix,
  upgradeSchemas30,
  type JsonObject,
  type MergeResult,
  type MergeSource,
  type OpenApiDocument,
} from './merge';
export { eventCatalogueWebhooks, eventTag } from './webhooks';
export {
  INSTANCE_PATHS,
  buildPorticoOpenApi,
  type PorticoOpenApiOptions,
  type PorticoServiceDoc,
} from './portico';
