// Expected failures: the CLI prints their message on one line and exits 1, without a stack trace.
export class DbToolError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'DbToolError';
    this.exitCode = exitCode;
  }
}

/** The first meaningful line of an error raised by the schema engine (drops its Rust span trace). */
export function engineMessage(err) {
  const text = String(err?.message ?? err);
  return text.split(/\n\s+0: /)[0].trim();
}
