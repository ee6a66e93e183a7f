import { Injectable } from '@nestjs/common';
import {
  type CreatedOAuthClient,
  type CreateOAuthClient,
  newId,
  type OAuthClientView,
  Paginated,
  type PageQuery,
  PorticoError,
} from '@portico/contracts';
import type { AccessScope } from '../common/access-scope';
import { iso } from '../common/database';
import { LastUsedRecorder } from '../common/last-used.service';
import { Outbox } from '../common/outbox.service';
import { randomSecret, Secrets } from '../common/secrets';
import type { OAuthClient } from '../generated/prisma/client';
import { OAuthClientsRepository } from './oauth-clients.repository';

function clientView(c: OAuthClient): OAuthClientView {
  return {
    id: c.id,
    clientId: c.id,
    consumerId: c.consumerId,
    name: c.name,
    scopes: c.scopes,
    status: c.status as OAuthClientView['status'],
    revokedAt: iso(c.revokedAt),
    lastUsedAt: iso(c.lastUsedAt),
    createdAt: c.createdAt.toISOString(),
  };
}

/** Registration of OAuth clients for consumers; the secret is shown once and stored as an HMAC. */
@Injectable()
export class OAuthClientsService {
  constructor(
    private readonly repo: OAuthClientsRepository,
    private readonly outbox: Outbox,
    private readonly secrets: Secrets,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async create(
    scope: AccessScope,
    consumerId: string,
    dto: CreateOAuthClient,
  ): Promise<CreatedOAuthClient> {
    await this.assertConsumerVisible(scope, consumerId);
    const id = newId('cli');
    const clientSecret = `pcs_${randomSecret(48)}`;
    const client = await this.outbox.transaction(async (tx, emit) => {
      const row = await this.repo.insert(tx, {
        id,
        tenantId: scope.tenantId,
        consumerId,
        name: dto.name,
        secretHash: this.secrets.hashClientSecret(id, clientSecret),
        scopes: [...new Set(dto.scopes)],
        createdBy: scope.actorId,
      });
      await emit('consumer.oauth_client.created', scope.tenantId, id, {
        clientId: id,
        consumerId,
        name: row.name,
      });
      return row;
    });
    return { ...clientView(client), clientSecret };
  }

  async list(
    scope: AccessScope,
    consumerId: string,
    page: PageQuery,
  ): Promise<Paginated<OAuthClientView>> {
    await this.assertConsumerVisible(scope, consumerId);
    await this.lastUsed.flush();
    const { items, total } = await this.repo.list(scope.tenantId, consumerId, page);
    return new Paginated(items.map(clientView), { page: page.page, limit: page.limit, total });
  }

  async get(scope: AccessScope, consumerId: string, clientId: string): Promise<OAuthClientView> {
    await this.assertConsumerVisible(scope, consumerId);
    await this.lastUsed.flush();
    const client = await this.repo.find(scope.tenantId, consumerId, clientId);
    if (!client) throw PorticoError.notFound('OAuth client', clientId);
    return clientView(client);
  }

  /** A revoked client can no longer get tokens, and the tokens it has stop introspecting active. */
  async revoke(scope: AccessScope, consumerId: string, clientId: string): Promise<OAuthClientView> {
    await this.assertConsumerVisible(scope, consumerId);
    const client = await this.outbox.transaction(async (tx, emit) => {
      const found = await this.repo.find(scope.tenantId, consumerId, clientId, tx);
      if (!found) throw PorticoError.notFound('OAuth client', clientId);
      const now = new Date();
      if (!(await this.repo.revoke(tx, scope.tenantId, clientId, now))) return found;
      await emit('consumer.oauth_client.revoked', scope.tenantId, clientId, {
        clientId,
        consumerId,
        name: found.name,
      });
      return { ...found, status: 'revoked', revokedAt: now };
    });
    return clientView(client);
  }

  private async assertConsumerVisible(scope: AccessScope, consumerId: string): Promise<void> {
    if (!(await this.repo.consumerVisible(scope, consumerId))) {
      throw PorticoError.notFound('Consumer', consumerId);
    }
  }
}
