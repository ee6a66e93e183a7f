import { Inject, Injectable } from '@nestjs/common';
import type {
  GraphRpcArgs,
  GraphRpcContract,
  GraphRpcReply,
  GraphRpcRequest,
  Principal,
} from '@portico/contracts';
import { InjectConfig, MessagingService } from '@portico/platform';
import type { GraphqlConfig } from '../config';

/** One request-reply on NATS; swappable so tests can count (and the bench can time) the calls. */
export type Requester = (subject: string, body: unknown) => Promise<unknown>;

/**
 * How resolvers reach the owning services: a typed request on `GraphRpcSubject` carrying the
 * caller, answered with data or a PorticoError in the service's own code.
 */
@Injectable()
export class GraphClient {
  requester: Requester;

  constructor(
    @Inject(MessagingService) messaging: MessagingService,
    @InjectConfig() config: GraphqlConfig,
  ) {
    const timeoutMs = config.GATEWAY_GRAPHQL_RPC_TIMEOUT_MS;
    this.requester = (subject, body) => messaging.get().request(subject, body, { timeoutMs });
  }

  call<S extends keyof GraphRpcContract>(
    subject: S,
    principal: Principal | null,
    args: GraphRpcArgs<S>,
  ): Promise<GraphRpcReply<S>> {
    const body: GraphRpcRequest<GraphRpcArgs<S>> = { principal, args };
    return this.requester(subject, body) as Promise<GraphRpcReply<S>>;
  }

  /** A request on a subject outside the GraphQL contract (e.g. `analytics.apis.health`). */
  raw<T>(subject: string, body: unknown): Promise<T> {
    return this.requester(subject, body) as Promise<T>;
  }
}
