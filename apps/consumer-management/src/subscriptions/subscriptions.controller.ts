import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSubscriptionSchema,
  ListSubscriptionsQuerySchema,
  type Paginated,
  type Principal,
  RejectSubscriptionSchema,
  type SubscriptionView,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { scopeOf } from '../common/access-scope';
import { SubscriptionsService } from './subscriptions.service';

class CreateSubscriptionDto extends ZodDto(CreateSubscriptionSchema) {}
class ListSubscriptionsQueryDto extends ZodDto(ListSubscriptionsQuerySchema) {}
class RejectSubscriptionDto extends ZodDto(RejectSubscriptionSchema) {}

const WRITERS = ['admin', 'user', 'system', 'consumer'] as const;

@ApiTags('Subscriptions')
@Controller('api/v1')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post('consumers/:consumerId/subscriptions')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Subscribe a consumer to an API version under a plan',
    description:
      "Default plan: the consumer's. Pending when the plan requires approval (unless an admin subscribes), else approved.",
  })
  create(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Body() body: CreateSubscriptionDto,
  ): Promise<SubscriptionView> {
    return this.subscriptions.create(scopeOf(p), consumerId, body);
  }

  @Get('consumers/:consumerId/subscriptions')
  @AnyRole()
  @ApiOperation({ summary: "A consumer's subscriptions" })
  listForConsumer(
    @CurrentPrincipal() p: Principal,
    @Param('consumerId') consumerId: string,
    @Query() q: ListSubscriptionsQueryDto,
  ): Promise<Paginated<SubscriptionView>> {
    return this.subscriptions.list(scopeOf(p), { ...q, consumerId });
  }

  @Get('subscriptions')
  @AnyRole()
  @ApiOperation({ summary: 'Subscriptions you can see, by status, consumer or API' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListSubscriptionsQueryDto,
  ): Promise<Paginated<SubscriptionView>> {
    return this.subscriptions.list(scopeOf(p), q);
  }

  @Get('subscriptions/:subscriptionId')
  @AnyRole()
  @ApiOperation({ summary: 'One subscription' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('subscriptionId') id: string,
  ): Promise<SubscriptionView> {
    return this.subscriptions.get(scopeOf(p), id);
  }

  @Post('subscriptions/:subscriptionId/approve')
  @HttpCode(200)
  @Roles('admin', 'system')
  @ApiOperation({ summary: 'Approve a pending subscription' })
  approve(
    @CurrentPrincipal() p: Principal,
    @Param('subscriptionId') id: string,
  ): Promise<SubscriptionView> {
    return this.subscriptions.approve(scopeOf(p), id);
  }

  @Post('subscriptions/:subscriptionId/reject')
  @HttpCode(200)
  @Roles('admin', 'system')
  @ApiOperation({ summary: 'Reject a pending subscription, with a reason' })
  reject(
    @CurrentPrincipal() p: Principal,
    @Param('subscriptionId') id: string,
    @Body() body: RejectSubscriptionDto,
  ): Promise<SubscriptionView> {
    return this.subscriptions.reject(scopeOf(p), id, body.reason);
  }

  @Delete('subscriptions/:subscriptionId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Cancel a subscription (the consumer loses access at once)' })
  cancel(
    @CurrentPrincipal() p: Principal,
    @Param('subscriptionId') id: string,
  ): Promise<SubscriptionView> {
    return this.subscriptions.cancel(scopeOf(p), id);
  }
}
