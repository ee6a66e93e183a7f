import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApproveConsumerSchema,
  ConsumerSignUpSchema,
  type ConsumerView,
  CreateConsumerSchema,
  ListConsumersQuerySchema,
  type Paginated,
  type Principal,
  RejectConsumerSchema,
  SuspendConsumerSchema,
  UpdateConsumerSchema,
} from '@portico/contracts';
import { CurrentPrincipal, Public, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { ConsumersService } from './consumers.service';
import { DecideConsumer } from './usecases/decide-consumer.usecase';
import { SignUpConsumer, type SignUpResult } from './usecases/sign-up.usecase';

class ConsumerSignUpDto extends ZodDto(ConsumerSignUpSchema) {}
class CreateConsumerDto extends ZodDto(CreateConsumerSchema) {}
class UpdateConsumerDto extends ZodDto(UpdateConsumerSchema) {}
class ListConsumersQueryDto extends ZodDto(ListConsumersQuerySchema) {}
class ApproveConsumerDto extends ZodDto(ApproveConsumerSchema.prefault({})) {}
class RejectConsumerDto extends ZodDto(RejectConsumerSchema) {}
class SuspendConsumerDto extends ZodDto(SuspendConsumerSchema.prefault({})) {}

@ApiTags('Sign-up')
@Controller('api/v1/signup')
export class SignUpController {
  constructor(private readonly signUp: SignUpConsumer) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Self-service sign-up of a developer or application',
    description:
      'Creates a pending consumer (approved at once when its plan auto-approves) and its first API key (`key.key`, shown once), which starts working when the consumer is approved. 403 when the tenant has self-service sign-up turned off.',
  })
  create(@Body() body: ConsumerSignUpDto): Promise<SignUpResult> {
    return this.signUp.execute(body);
  }
}

@ApiTags('Consumers')
@Controller('api/v1/consumers')
export class ConsumersController {
  constructor(
    private readonly consumers: ConsumersService,
    private readonly decide: DecideConsumer,
  ) {}

  @Post()
  @Roles('admin', 'user', 'system')
  @ApiOperation({
    summary: 'Create a consumer',
    description:
      'Admins and system users create approved consumers; a `user` creates a pending one it owns (approved at once if its plan auto-approves).',
  })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateConsumerDto): Promise<ConsumerView> {
    return this.consumers.create(scopeOf(p), body);
  }

  @Get()
  @Roles('admin', 'user', 'system', 'auditor')
  @ApiOperation({ summary: 'List consumers (a `user` sees the ones it owns)' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListConsumersQueryDto,
  ): Promise<Paginated<ConsumerView>> {
    return this.consumers.list(scopeOf(p), q);
  }

  @Get('me')
  @Roles('consumer')
  @ApiOperation({ summary: 'The calling consumer' })
  me(@CurrentPrincipal() p: Principal): Promise<ConsumerView> {
    return this.consumers.get(scopeOf(p), p.consumerId ?? '');
  }

  @Get(':consumerId')
  @Roles('admin', 'user', 'system', 'auditor', 'consumer')
  @ApiOperation({ summary: 'One consumer' })
  get(@CurrentPrincipal() p: Principal, @Param('consumerId') id: string): Promise<ConsumerView> {
    return this.consumers.get(scopeOf(p), id);
  }

  @Patch(':consumerId')
  @Roles('admin', 'user', 'system')
  @ApiOperation({
    summary: "Change a consumer's name, contact, metadata or (admins) plan",
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') id: string,
    @Body() body: UpdateConsumerDto,
  ): Promise<ConsumerView> {
    return this.consumers.update(scopeOf(p), id, body);
  }

  @Post(':consumerId/approve')
  @HttpCode(200)
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Approve a pending consumer, or re-approve a suspended one',
    description: 'Optionally puts it on a plan. Emits consumer.approved.',
  })
  approve(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') id: string,
    @Body() body: ApproveConsumerDto,
  ): Promise<ConsumerView> {
    return this.decide.execute(scopeOf(p), id, {
      action: 'approve',
      ...(body.planId ? { planId: body.planId } : {}),
    });
  }

  @Post(':consumerId/reject')
  @HttpCode(200)
  @Roles('admin', 'system')
  @ApiOperation({ summary: 'Reject a pending consumer, with a reason (consumer.rejected)' })
  reject(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') id: string,
    @Body() body: RejectConsumerDto,
  ): Promise<ConsumerView> {
    return this.decide.execute(scopeOf(p), id, { action: 'reject', reason: body.reason });
  }

  @Post(':consumerId/suspend')
  @HttpCode(200)
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Suspend an approved consumer: its keys and tokens stop working at once',
  })
  suspend(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') id: string,
    @Body() body: SuspendConsumerDto,
  ): Promise<ConsumerView> {
    return this.decide.execute(scopeOf(p), id, {
      action: 'suspend',
      ...(body.reason ? { reason: body.reason } : {}),
    });
  }
}
