import { Roles } from '@portico/platform';

/** Changes to the registry: people and automation of the tenant. */
export const CanWrite = () => Roles('admin', 'user', 'system');

/**
 * Reading the registry: the writers plus auditors. API consumers are left out on purpose: versions
 * carry upstream addresses and drafts, which are internal.
 */
export const CanRead = () => Roles('admin', 'user', 'system', 'auditor');
