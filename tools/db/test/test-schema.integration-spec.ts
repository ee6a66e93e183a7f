// createTestSchema (libs/testing) against the real tool: same schema as `db migrate`, and a real
// generated Prisma client working in it through @prisma/adapter-pg.
import path from 'node:path';
import { createTestSchema, type TestSchema } from '@portico/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  describeSchema,
  dropDatabase,
  query,
  ROOT,
  runCli,
  SERVER_URL,
  uniqueName,
  withDatabase,
} from './helpers';

describe('createTestSchema', () => {
  it('produces exactly what `db migrate` produces', async () => {
    const database = uniqueName('portico_dbtool_fidelity');
    const databaseUrl = withDatabase(SERVER_URL, database);
    try {
      const migrated = await runCli(['migrate', 'registry'], { DATABASE_URL: databaseUrl });
      expect(migrated.code).toBe(0);
      const test = await createTestSchema('registry', { databaseUrl });

      expect(await describeSchema(databaseUrl, test.schema)).toEqual(
        await describeSchema(databaseUrl, 'registry'),
      );
      const recorded = (schema: string) =>
        query(
          databaseUrl,
          `SELECT migration_name, checksum, applied_steps_count FROM "${schema}"._prisma_migrations ORDER BY 1`,
        );
      expect(await recorded(test.schema)).toEqual(await recorded('registry'));

      await test.drop();
      expect(
        await query(databaseUrl, `SELECT 1 FROM pg_namespace WHERE nspname = $1`, [test.schema]),
      ).toHaveLength(0);
    } finally {
      await dropDatabase(database);
    }
  });
});

describe('the generated registry client in a test schema', () => {
  let db: TestSchema;

  beforeAll(async () => {
    const generated = await runCli(['generate', 'registry']);
    expect(generated.code).toBe(0);
    db = await createTestSchema('registry');
  });

  afterAll(() => db?.drop());

  it('writes and reads an OutboxEvent in its own schema, and raw SQL sees the same table', async () => {
    // How an app builds its client (see libs/platform createPrismaAdapter): the schema from the URL's
    // ?schema= goes to the adapter (Prisma qualifies its queries) and to search_path (raw SQL).
    const parsed = new URL(db.url);
    const schema = parsed.searchParams.get('schema')!;
    parsed.searchParams.delete('schema');
    const adapter = new PrismaPg(
      { connectionString: parsed.toString(), options: `-c search_path=${schema}` },
      { schema },
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaClient } = require(path.join(ROOT, 'apps/registry/src/generated/prisma/client'));
    const prisma = new PrismaClient({ adapter });
    try {
      const event = {
        specversion: '1.0',
        id: '01JTESTOUTBOX0000000000001',
        source: 'registry',
        type: 'registry.api.published',
        subject: 'api_01JTEST',
        tenantid: 'ten_default',
        data: { name: 'Pets', nested: { ok: true } },
      };
      await prisma.outboxEvent.create({
        data: {
          id: event.id,
          type: event.type,
          subject: `portico.events.${event.type}`,
          tenantId: event.tenantid,
          payload: event,
        },
      });

      const row = await prisma.outboxEvent.findUnique({ where: { id: event.id } });
      expect(row).toMatchObject({
        id: event.id,
        subject: 'portico.events.registry.api.published',
        tenantId: 'ten_default',
        payload: event,
        publishedAt: null,
        attempts: 0,
        lastError: null,
      });
      expect(row.createdAt).toBeInstanceOf(Date);

      // The relay's raw SQL: unqualified names resolve through search_path.
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = $1 AND published_at IS NULL`,
        event.id,
      );
      expect(updated).toBe(1);
      const pending = await prisma.outboxEvent.findMany({ where: { publishedAt: null } });
      expect(pending).toEqual([]);

      // And it all happened in the test schema, nowhere else.
      const rows = await query(
        db.databaseUrl,
        `SELECT id, attempts FROM "${db.schema}".outbox_events`,
      );
      expect(rows).toEqual([{ id: event.id, attempts: 1 }]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
