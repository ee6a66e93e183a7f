/**
 * Several Portico environments (or concurrently running test suites) can share one NATS server:
 * a namespace prefixes every subject (`<ns>.portico.events.…`) and stream name (`<NS>_PORTICO_EVENTS`)
 * this connection uses, and is stripped again from subjects handed to callers. Empty = no prefix.
 */
export class SubjectNamespace {
  constructor(readonly ns: string = '') {
    if (!/^[a-z0-9_]*$/.test(ns)) {
      throw new Error(`Invalid NATS namespace '${ns}': use lowercase letters, digits and _.`);
    }
  }

  subject(subject: string): string {
    return this.ns ? `${this.ns}.${subject}` : subject;
  }

  stream(name: string): string {
    return this.ns ? `${this.ns.toUpperCase()}_${name}` : name;
  }

  strip(subject: string): string {
    return this.ns && subject.startsWith(`${this.ns}.`)
      ? subject.slice(this.ns.length + 1)
      : subject;
  }
}
