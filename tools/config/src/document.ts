import { parseDocument, stringify } from 'yaml';
import { canonical } from './canonical';
import {
  ConfigFileSchema,
  formatIssues,
  referenceIssues,
  webhookKey,
  type ConfigFile,
} from './schema';

export type Section = 'apis' | 'plans' | 'consumers' | 'webhooks';
export const SECTIONS: readonly Section[] = ['apis', 'plans', 'consumers', 'webhooks'];

export type LoadResult =
  | {
      ok: true;
      config: ConfigFile;
      /** The sections the file has: `--prune` deletes only within these. */
      sections: Set<Section>;
    }
  | { ok: false; errors: string[] };

/** Parses and validates a file's text; errors are `file:path: message` lines. */
export function loadConfig(file: string, text: string): LoadResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const line = e.linePos?.[0];
        const where = line ? `line ${line.line}, column ${line.col}` : '(root)';
        return `${file}:${where}: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = ConfigFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: formatIssues(file, parsed.error) };
  const present = raw && typeof raw === 'object' ? Object.keys(raw) : [];
  const sections = new Set(SECTIONS.filter((k) => present.includes(k)));
  const refs = referenceIssues(parsed.data, (k) => sections.has(k));
  if (refs.length > 0) {
    return { ok: false, errors: refs.map((r) => `${file}:${r.path.join('.')}: ${r.message}`) };
  }
  return { ok: true, config: normalize(parsed.data), sections };
}

const by =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * The order and shape `export` writes: lists sorted by their natural key (versions keep their
 * order: it is the order they are created in), nested objects with sorted keys.
 */
export function normalize(config: ConfigFile): ConfigFile {
  return {
    format: config.format,
    apis: [...config.apis].sort(by((a) => a.name)).map((a) => ({
      ...a,
      tags: [...new Set(a.tags)].sort(),
      versions: a.versions.map((v) => ({
        ...v,
        upstream: canonical(v.upstream),
        policies: canonical(v.policies),
        routes: [...v.routes]
          .sort(by((r) => `${r.path} ${r.method}`))
          .map((r) => ({ ...r, policies: canonical(r.policies) })),
      })),
    })),
    plans: [...config.plans]
      .sort(by((p) => p.name))
      .map((p) => ({ ...p, allowedApis: p.allowedApis ? [...p.allowedApis].sort() : null })),
    consumers: [...config.consumers].sort(by((c) => c.email.toLowerCase())).map((c) => ({
      ...c,
      contact: canonical(c.contact),
      metadata: canonical(c.metadata),
    })),
    webhooks: [...config.webhooks].sort(by(webhookKey)).map((w) => ({
      ...w,
      eventTypes: [...w.eventTypes].sort(),
      payloadFilter: w.payloadFilter ? canonical(w.payloadFilter) : null,
      headers: canonical(w.headers),
    })),
  };
}

const HEADER =
  '# Portico declarative configuration (portico config export). Apply with:\n' +
  '#   portico config apply -f <this file>\n' +
  '# Secrets (API keys, webhook signing secrets) are never exported.\n';

/** Deterministic YAML: same state, same bytes. */
export function dumpConfig(config: ConfigFile): string {
  const plain = JSON.parse(JSON.stringify(normalize(config))) as unknown;
  return (
    HEADER +
    stringify(plain, {
      lineWidth: 0,
      aliasDuplicateObjects: false,
      sortMapEntries: false,
    })
  );
}
