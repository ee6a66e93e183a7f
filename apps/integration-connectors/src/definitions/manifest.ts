import {
  ConnectorDefinitionSchema,
  PorticoError,
  type ConnectorDefinition,
} from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { zodIssuesToDetails } from '@portico/platform';
import YAML from 'yaml';
import { RecordTransformer } from '../transforms/transformer';

/**
 * A definition from JSON (object) or YAML (text), validated against the published schema; every
 * JSONata expression is compiled so syntax errors are a 400 now, not a failed run later.
 */
/** `guard` checks the URLs' syntax (when a definition is saved; connections resolve them fully). */
export function parseManifest(input: unknown, guard?: EgressGuard): ConnectorDefinition {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = YAML.parse(input, { maxAliasCount: 100 });
    } catch (err) {
      throw PorticoError.validation('The manifest is not valid YAML or JSON.', [
        { field: 'manifest', message: err instanceof Error ? err.message : String(err) },
      ]);
    }
  }
  const result = ConnectorDefinitionSchema.safeParse(raw);
  if (!result.success) {
    throw PorticoError.validation(
      'The manifest does not match the connector definition schema (GET /api/v1/connectors/schema).',
      zodIssuesToDetails(result.error.issues).map((d) => ({ ...d, field: `manifest.${d.field}` })),
    );
  }
  const def = result.data;
  def.streams.forEach(
    (s, i) => new RecordTransformer(s.transforms, `manifest.streams[${i}].transforms`),
  );
  // Host names are resolved when a connection is saved (the effective base URL may differ).
  for (const [field, url] of guard ? urls(def) : []) {
    const refusal = guard!.checkUrlSyntax(url);
    if (refusal) {
      throw PorticoError.validation(`manifest.${field} is not allowed (${refusal}).`, [
        {
          field: `manifest.${field}`,
          message: `egress refused: ${refusal}`,
          code: `egress_${refusal}`,
        },
      ]);
    }
  }
  return def;
}

/** The URLs a definition makes calls to, besides the base URL a connection may override. */
export function urls(def: ConnectorDefinition): Array<[string, string]> {
  const out: Array<[string, string]> = [['baseUrl', def.baseUrl]];
  if (def.auth.type === 'oauth2ClientCredentials') out.push(['auth.tokenUrl', def.auth.tokenUrl]);
  return out;
}
