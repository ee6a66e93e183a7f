import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** This service's Prisma client and its interactive-transaction handle. */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

/** Prisma's unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

/** Prisma's "record to update not found" (a conditional update that matched nothing). */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2025';
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
