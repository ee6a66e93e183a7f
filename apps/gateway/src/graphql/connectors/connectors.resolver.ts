import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphRpcSubject } from '@portico/contracts';
import { type ConnectionShape, PageArgs, pagedConnection } from '../common/connection';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';
import { GraphQLJSON } from '../common/json.scalar';
import {
  Connector,
  ConnectorConnection,
  ConnectorErrorSummary,
  ConnectorRun,
  ConnectorRunConnection,
} from './connectors.types';

/** The integration connectors' part of the graph. */
@Resolver()
export class ConnectorsResolver {
  constructor(private readonly client: GraphClient) {}

  @Query(() => ConnectorConnection, { description: 'Connectors (credentials never returned).' })
  async connectors(
    @Context() ctx: GraphContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<Connector>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.connectors, principal, { page: p, limit }),
    );
  }

  @Query(() => ConnectorRunConnection, { description: "A connector's runs, newest first." })
  async connectorRuns(
    @Context() ctx: GraphContext,
    @Args('connector', { type: () => ID }) connectorId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<ConnectorRun>> {
    const principal = callerOf(ctx);
    return pagedConnection(page, (p, limit) =>
      this.client.call(GraphRpcSubject.connectorRuns, principal, { connectorId, page: p, limit }),
    );
  }

  @Query(() => ConnectorErrorSummary, { description: 'Errors by kind, last error, health.' })
  errorSummary(
    @Context() ctx: GraphContext,
    @Args('connector', { type: () => ID }) connectorId: string,
  ): Promise<ConnectorErrorSummary> {
    return this.client.call(GraphRpcSubject.connectorErrorSummary, callerOf(ctx), { connectorId });
  }

  @Mutation(() => Connector, {
    description: 'The body of POST /api/v1/connectors (definitionId, credentials, destination…).',
  })
  createConnection(
    @Context() ctx: GraphContext,
    @Args('input', { type: () => GraphQLJSON }) input: unknown,
  ): Promise<Connector> {
    return this.client.call(GraphRpcSubject.createConnection, callerOf(ctx), { input });
  }

  @Mutation(() => ConnectorRun, { description: 'Start a sync run now (CONFLICT while one runs).' })
  triggerRun(
    @Context() ctx: GraphContext,
    @Args('connector', { type: () => ID }) connectorId: string,
  ): Promise<ConnectorRun> {
    return this.client.call(GraphRpcSubject.triggerRun, callerOf(ctx), { connectorId });
  }
}
