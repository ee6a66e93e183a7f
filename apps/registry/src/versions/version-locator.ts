import { Injectable } from '@nestjs/common';
import { ApisRepository } from '../apis/apis.repository';
import type { Db } from '../common/db';
import type { ApiWithVersions } from '../common/serialize';
import type { ApiVersion } from '../generated/prisma/client';
import { VersionsRepository } from './versions.repository';

export interface LocatedVersion {
  api: ApiWithVersions;
  version: ApiVersion;
}

/**
 * Finds `/apis/{api}/versions/{version}` in the caller's tenant. With `lock`, the API row is locked
 * first: every change below an API takes that lock, so lifecycle checks cannot race each other.
 */
@Injectable()
export class VersionLocator {
  constructor(
    private readonly apis: ApisRepository,
    private readonly versions: VersionsRepository,
  ) {}

  async find(
    db: Db,
    tenantId: string,
    apiRef: string,
    versionRef: string,
    opts: { lock?: boolean } = {},
  ): Promise<LocatedVersion> {
    const api = opts.lock
      ? await this.apis.lock(db, tenantId, apiRef)
      : await this.apis.require(db, tenantId, apiRef);
    const version = await this.versions.require(db, tenantId, api.id, versionRef);
    return { api, version };
  }
}
