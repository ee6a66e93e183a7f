// Used by prisma/<folder>/prisma.config.ts: the connection string the Prisma CLI (native engine:
// migrate deploy, studio, db pull) uses for one service, resolved as the apps resolve it, with the
// service's schema as `?schema=` (the form the native engine understands).
import { resolveServiceDatabase, selectServices } from './services.mjs';

export function prismaCliUrl(folder, env = process.env) {
  const [service] = selectServices([folder]);
  const { url, schema } = resolveServiceDatabase(service, env);
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}
