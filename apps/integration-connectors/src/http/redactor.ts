/**
 * Keeps credentials out of everything written down (logs, error history, attempt logs): secret query
 * parameters are masked in URLs, and any credential value that a provider echoes is replaced.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(
    secrets: Iterable<string>,
    private readonly secretParams: readonly string[] = [],
  ) {
    // Longest first, so a secret containing another is masked whole. Very short values would mask
    // ordinary text and are not secrets worth the name.
    this.secrets = [...new Set(secrets)]
      .filter((s) => s.length >= 4)
      .sort((a, b) => b.length - a.length);
  }

  url(url: URL): string {
    const copy = new URL(url);
    for (const p of this.secretParams)
      if (copy.searchParams.has(p)) copy.searchParams.set(p, 'redacted');
    return this.text(copy.toString());
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('[redacted]');
    }
    return out;
  }
}
