import { PorticoError } from '@portico/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';

/** The client or an open transaction: repositories work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Nullable JSON for Prisma writes: SQL NULL rather than a JSON null. */
export function jsonOrNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

export function asJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** A unique-constraint violation becomes a 409 with the given message; anything else is rethrown. */
export async function conflictOnDuplicate<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw PorticoError.conflict(message);
    }
    throw e;
  }
}
