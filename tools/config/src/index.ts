export { runCli, USAGE, type CliIo } from './cli';
export { ManagementClient, ApiError, type Endpoints } from './client';
export { loadConfig, dumpConfig } from './document';
export { ConfigFileSchema, type ConfigFile } from './schema';
export { readLiveState } from './state';
export { buildPlan, renderPlan, applyPlan } from './plan';
