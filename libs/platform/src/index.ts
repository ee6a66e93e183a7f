export {
  runService,
  createService,
  buildServiceOpenApi,
  type ServiceDefinition,
  type RunningService,
} from './bootstrap';
export {
  BaseConfigSchema,
  DatabaseConfigSchema,
  ConfigError,
  loadConfig,
  resolveDatabase,
  type BaseConfig,
  type ConfigProblem,
} from './config/config';
export { createLogger, PinoNestLogger, REDACT_PATHS } from './logging/logger';
export {
  currentRequestContext,
  continueTrace,
  type RequestContext,
} from './logging/request-context';
export { propagationHeaders } from './http/hooks';
export { RawResponse, EnvelopeInterceptor } from './http/envelope.interceptor';
export { EnvelopeExceptionFilter } from './http/exception.filter';
export { toErrorResponse } from './http/errors';
export {
  ZodDto,
  ZodValidationPipe,
  zodIssuesToDetails,
  parseWith,
  type ZodDtoClass,
} from './http/zod';
export { MetricsService, HTTP_DURATION_BUCKETS } from './metrics/metrics.service';
export { ReadinessRegistry, type ReadinessCheck } from './health/readiness';
export { MessagingService } from './messaging/messaging.service';
export { createPrismaAdapter, type PrismaLike, type DatabaseDefinition } from './database/database';
export { buildOpenApiDocument } from './openapi';
export { PlatformModule } from './platform.module';
export {
  CONFIG,
  LOGGER,
  DATABASE,
  DATABASE_CONNECTION,
  DISCOVERY,
  SERVICE_INFO,
  InjectConfig,
  InjectLogger,
  InjectDatabase,
  InjectDatabaseConnection,
  InjectDiscovery,
  type DatabaseConnection,
  type ServiceInfo,
} from './tokens';
export { Public, Roles, AnyRole, CurrentPrincipal } from './auth/auth.decorators';
export {
  CREDENTIAL_VERIFIER,
  CredentialCache,
  BootstrapKey,
  type CredentialVerifier,
} from './auth/credential-verifier';
export { AuthGuard, presentedKey } from './auth/auth.guard';
export {
  SecretKeyring,
  SecretBox,
  SecretKeyConfigSchema,
  requireSecretKeyInProduction,
  digestsEqual,
  DEVELOPMENT_KEY_WARNING,
} from './secrets/keyring';
