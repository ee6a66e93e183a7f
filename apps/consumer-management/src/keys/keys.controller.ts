import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ApiKeyView,
  CreatedApiKey,
  Paginated,
  Principal,
  RotatedApiKey,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { CreateApiKeyDto, PageQueryDto, RotateApiKeyDto } from './dto';
import type { KeyOwner } from './keys.repository';
import { KeysService } from './keys.service';

/** The caller's own keys: a consumer's keys for a consumer, a user's keys for a user. */
function selfOwner(p: Principal): KeyOwner {
  return p.role === 'consumer'
    ? { kind: 'consumer', consumerId: p.consumerId ?? '' }
    : { kind: 'user', userId: p.actorId };
}

const WRITERS = ['admin', 'user', 'system', 'consumer'] as const;

@ApiTags('API keys (own)')
@Controller('api/v1/keys')
export class MyKeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Create an API key for the caller',
    description:
      'Body `{ name, permissions[] }` (or `scopes[]`), optional expiry, API and IP restrictions. The answer holds the full key (`key`); it is never shown again.',
  })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.keys.create(scopeOf(p), selfOwner(p), body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "List the caller's API keys (masked, with lastUsedAt)" })
  list(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<Paginated<ApiKeyView>> {
    return this.keys.list(scopeOf(p), selfOwner(p), q);
  }

  @Get(':keyId')
  @AnyRole()
  @ApiOperation({ summary: "One of the caller's API keys (masked)" })
  get(@CurrentPrincipal() p: Principal, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    return this.keys.get(scopeOf(p), selfOwner(p), keyId);
  }

  @Delete(':keyId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Revoke one of the caller's API keys (effective at once)" })
  revoke(@CurrentPrincipal() p: Principal, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    return this.keys.revoke(scopeOf(p), selfOwner(p), keyId);
  }

  @Post(':keyId/rotate')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    summary: "Rotate one of the caller's API keys",
    description:
      'Issues a new key with the same settings (shown once); the old key keeps working for `gracePeriodSeconds` (default one day).',
  })
  rotate(
    @CurrentPrincipal() p: Principal,
    @Param('keyId') keyId: string,
    @Body() body: RotateApiKeyDto,
  ): Promise<RotatedApiKey> {
    return this.keys.rotate(scopeOf(p), selfOwner(p), keyId, body);
  }
}

@ApiTags('API keys (consumers)')
@Controller('api/v1/consumers/:consumerId/keys')
export class ConsumerKeysController {
  constructor(private readonly keys: KeysService) {}

  private static owner(consumerId: string): KeyOwner {
    return { kind: 'consumer', consumerId };
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Create an API key for a consumer (the full key is shown once)' })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.keys.create(scopeOf(p), ConsumerKeysController.owner(consumerId), body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "List a consumer's API keys (masked, with lastUsedAt)" })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Query() q: PageQueryDto,
  ): Promise<Paginated<ApiKeyView>> {
    return this.keys.list(scopeOf(p), ConsumerKeysController.owner(consumerId), q);
  }

  @Get(':keyId')
  @AnyRole()
  @ApiOperation({ summary: "One of a consumer's API keys (masked)" })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Param('keyId') keyId: string,
  ): Promise<ApiKeyView> {
    return this.keys.get(scopeOf(p), ConsumerKeysController.owner(consumerId), keyId);
  }

  @Delete(':keyId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Revoke a consumer's API key (effective at once)" })
  revoke(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Param('keyId') keyId: string,
  ): Promise<ApiKeyView> {
    return this.keys.revoke(scopeOf(p), ConsumerKeysController.owner(consumerId), keyId);
  }

  @Post(':keyId/rotate')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiOperation({
    summary: "Rotate a consumer's API key",
    description: 'New key shown once; the old one works for `gracePeriodSeconds` more.',
  })
  rotate(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Param('keyId') keyId: string,
    @Body() body: RotateApiKeyDto,
  ): Promise<RotatedApiKey> {
    return this.keys.rotate(scopeOf(p), ConsumerKeysController.owner(consumerId), keyId, body);
  }
}

@ApiTags('API keys (users)')
@Controller('api/v1/users/:userId/keys')
export class UserKeysController {
  constructor(private readonly keys: KeysService) {}

  private static owner(userId: string): KeyOwner {
    return { kind: 'user', userId };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an API key for an admin user (shown once)' })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('userId') userId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.keys.create(scopeOf(p), UserKeysController.owner(userId), body);
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: "List an admin user's API keys (masked)" })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('userId') userId: string,
    @Query() q: PageQueryDto,
  ): Promise<Paginated<ApiKeyView>> {
    return this.keys.list(scopeOf(p), UserKeysController.owner(userId), q);
  }

  @Delete(':keyId')
  @Roles('admin')
  @ApiOperation({ summary: "Revoke an admin user's API key" })
  revoke(
    @CurrentPrincipal() p: Principal,
    @Param('userId') userId: string,
    @Param('keyId') keyId: string,
  ): Promise<ApiKeyView> {
    return this.keys.revoke(scopeOf(p), UserKeysController.owner(userId), keyId);
  }
}
