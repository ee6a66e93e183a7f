import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { GRAPHQL_RESOLVERS } from '../src/graphql/graphql.module';

const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');
const HEADER =
  '# The GraphQL schema of the gateway (/graphql), generated from the code-first resolvers.\n' +
  '# Do not edit: regenerate with `UPDATE_GRAPHQL_SCHEMA=1 npx jest test/graphql-schema.spec.ts`\n' +
  '# (in apps/gateway) and commit the result.\n\n';

/** The SDL the server builds from the resolvers, sorted as autoSchemaFile + sortSchema print it. */
export async function generatedSdl(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(GRAPHQL_RESOLVERS);
    return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}

describe('schema.graphql', () => {
  it('matches the schema the code generates', async () => {
    const sdl = await generatedSdl();
    if (process.env['UPDATE_GRAPHQL_SCHEMA'] === '1') writeFileSync(SCHEMA_FILE, sdl);
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    if (checkedIn !== sdl) {
      throw new Error(
        'apps/gateway/schema.graphql differs from the schema the resolvers generate. Regenerate it ' +
          'with `UPDATE_GRAPHQL_SCHEMA=1 npx jest test/graphql-schema.spec.ts` in apps/gateway, ' +
          'review the diff (a removed or changed field breaks clients) and commit it.',
      );
    }
  });
});
