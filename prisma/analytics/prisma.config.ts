// Prisma CLI configuration for the analytics service, for the native schema engine
// (`prisma migrate deploy --config prisma/analytics/prisma.config.ts`, `prisma studio ...`).
// Day to day use `pnpm db <command>`, which works with or without that engine.
import { defineConfig } from 'prisma/config';
import { prismaCliUrl } from '../../tools/db/lib/prisma-config.mjs';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: prismaCliUrl('analytics') },
});
