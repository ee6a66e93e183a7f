import type { LoggerLike } from '@portico/contracts';

/** The app's pino logger, as far as the data plane uses it. */
export type Log = LoggerLike & { child(bindings: object): Log };
