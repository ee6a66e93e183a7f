import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CREDENTIAL_LOCKOUT } from '../common/common.module';
import { LastUsedRecorder } from '../common/last-used.service';
import type { Lockout } from '../common/lockout';
import { digestsEqual, Secrets } from '../common/secrets';
import type { ClientCredentials } from './client-auth';
import { type ClientForAuth, OAuthClientsRepository } from './oauth-clients.repository';
import { OAuthError } from './oauth-error';

const CLIENT_ID = /^cli_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Authenticates OAuth clients in constant time (an unknown client id costs the same HMAC and
 * compare as a wrong secret) behind the shared lock-out per client id and per IP.
 */
@Injectable()
export class ClientAuthenticator {
  private readonly dummyHash = randomBytes(32);

  constructor(
    private readonly repo: OAuthClientsRepository,
    private readonly secrets: Secrets,
    private readonly lastUsed: LastUsedRecorder,
    @Inject(CREDENTIAL_LOCKOUT) private readonly lockout: Lockout,
  ) {}

  async authenticate(creds: ClientCredentials, ip: string | undefined): Promise<ClientForAuth> {
    const subjects = [`client:${creds.clientId}`, ...(ip ? [`ip:${ip}`] : [])];
    if (this.lockout.lockedFor(subjects) > 0) {
      throw OAuthError.invalidClient('Too many failed attempts; try again later.');
    }
    const row = CLIENT_ID.test(creds.clientId) ? await this.repo.findForAuth(creds.clientId) : null;
    const presented = this.secrets.hashClientSecret(creds.clientId, creds.clientSecret);
    const matches = digestsEqual(row?.secretHash ?? this.dummyHash, presented);
    if (!row || !matches) {
      this.lockout.fail(subjects);
      throw OAuthError.invalidClient();
    }
    if (row.status !== 'active' || row.tenantStatus !== 'active') {
      throw OAuthError.invalidClient('The client is revoked.');
    }
    this.lastUsed.clientUsed(row.id);
    return row;
  }
}
