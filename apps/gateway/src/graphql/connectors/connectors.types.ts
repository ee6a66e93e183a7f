import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/connection';
import { GraphQLJSON } from '../common/json.scalar';

@ObjectType({ description: 'A connector: a definition with credentials, destination, schedule.' })
export class Connector {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() definitionId!: string;
  @Field(() => String, { nullable: true }) baseUrl!: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) destination!: unknown;
  @Field(() => String, { nullable: true, description: 'Cron expression.' })
  schedule!: string | null;
  @Field(() => String, { nullable: true }) nextRunAt!: string | null;
  @Field() enabled!: boolean;
  @Field(() => GraphQLJSON, { description: 'Which credential fields are set (never values).' })
  credentials!: unknown;
  @Field() createdAt!: string;
}

export const ConnectorConnection = Connection(Connector, 'Connector');

@ObjectType({ description: 'One sync run.' })
export class ConnectorRun {
  @Field(() => ID) id!: string;
  @Field() connectionId!: string;
  @Field({ description: 'manual, schedule or resume.' }) trigger!: string;
  @Field({ description: 'queued, running, succeeded or failed.' }) status!: string;
  @Field(() => Int) recordsRead!: number;
  @Field(() => Int) recordsWritten!: number;
  @Field(() => Int) pages!: number;
  @Field(() => Int) retries!: number;
  @Field(() => GraphQLJSON, { description: 'Per stream statistics.' }) streams!: unknown;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) startedAt!: string | null;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
}

export const ConnectorRunConnection = Connection(ConnectorRun, 'ConnectorRun');

@ObjectType({ description: "A connector's errors and health." })
export class ConnectorErrorSummary {
  @Field({ description: 'healthy, degraded or failing.' }) status!: string;
  @Field(() => Int) totalErrors!: number;
  @Field(() => GraphQLJSON, { description: 'Error count by kind.' }) byKind!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) lastError!: unknown;
  @Field(() => Int) consecutiveFailedRuns!: number;
  @Field(() => GraphQLJSON, { nullable: true }) lastRun!: unknown;
}
