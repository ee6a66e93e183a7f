import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateUserSchema,
  type Paginated,
  PageQuerySchema,
  type Principal,
  UpdateUserSchema,
  type UserView,
} from '@portico/contracts';
import { CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { UsersService } from './users.service';

class CreateUserDto extends ZodDto(CreateUserSchema) {}
class UpdateUserDto extends ZodDto(UpdateUserSchema) {}
class UsersPageDto extends ZodDto(PageQuerySchema) {}

@ApiTags('Users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Add an admin user (role admin, user, system or auditor) to your tenant',
    description: 'Create their API key with POST /api/v1/users/{userId}/keys.',
  })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(scopeOf(p), body);
  }

  @Get()
  @Roles('admin', 'system', 'auditor')
  @ApiOperation({ summary: "List your tenant's admin users" })
  list(@CurrentPrincipal() p: Principal, @Query() q: UsersPageDto): Promise<Paginated<UserView>> {
    return this.users.list(scopeOf(p), q);
  }

  @Get('me')
  @Roles('admin', 'user', 'system', 'auditor')
  @ApiOperation({ summary: 'The calling user' })
  me(@CurrentPrincipal() p: Principal): Promise<UserView> {
    return this.users.get(scopeOf(p), p.actorId);
  }

  @Get(':userId')
  @Roles('admin', 'system', 'auditor')
  @ApiOperation({ summary: 'One admin user of your tenant' })
  get(@CurrentPrincipal() p: Principal, @Param('userId') userId: string): Promise<UserView> {
    return this.users.get(scopeOf(p), userId);
  }

  @Patch(':userId')
  @Roles('admin')
  @ApiOperation({
    summary: "Change a user's name, role or status",
    description: "A disabled user's keys stop working at once.",
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('userId') userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(scopeOf(p), userId, body);
  }
}
