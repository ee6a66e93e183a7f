/**
 * Turning our one `NATS_URL` setting into the client's connect options. The NATS client takes
 * servers and credentials separately; we accept the usual URL forms (`nats://host:4222`,
 * `nats://user:pass@host:4222`, `nats://token@host:4222`, comma-separated lists for a cluster)
 * so that a single environment variable is enough for every app.
 */
export interface NatsServerOptions {
  servers: string[];
  user?: string;
  pass?: string;
  token?: string;
}

export function natsServerOptions(url: string): NatsServerOptions {
  const entries = url
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (entries.length === 0) throw new Error('NATS url is empty.');
  const out: NatsServerOptions = { servers: [] };
  for (const entry of entries) {
    const parsed = new URL(entry.includes('://') ? entry : `nats://${entry}`);
    out.servers.push(`${parsed.protocol}//${parsed.host}`);
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    // The first credentials found win: a cluster shares one account.
    if (user && out.user === undefined && out.token === undefined) {
      if (pass) {
        out.user = user;
        out.pass = pass;
      } else {
        out.token = user;
      }
    }
  }
  return out;
}

/** The URL without credentials, safe to log. */
export function redactNatsUrl(url: string): string {
  try {
    return natsServerOptions(url).servers.join(',');
  } catch {
    return '<invalid url>';
  }
}
