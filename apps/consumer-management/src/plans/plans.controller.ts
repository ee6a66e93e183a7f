import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatePlanSchema,
  type Paginated,
  PageQuerySchema,
  type PlanView,
  type Principal,
  UpdatePlanSchema,
} from '@portico/contracts';
import { AnyRole, CurrentPrincipal, Roles, ZodDto } from '@portico/platform';
import { z } from 'zod';
import { scopeOf } from '../common/access-scope';
import { PlansService } from './plans.service';

class CreatePlanDto extends ZodDto(CreatePlanSchema) {}
class UpdatePlanDto extends ZodDto(UpdatePlanSchema) {}
class ListPlansQueryDto extends ZodDto(
  PageQuerySchema.extend({
    includeArchived: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  }),
) {}

@ApiTags('Plans')
@Controller('api/v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Create a plan: rate limit, monthly quota, allowed APIs, approval rules',
  })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreatePlanDto): Promise<PlanView> {
    return this.plans.create(scopeOf(p), body);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "The tenant's plans (active ones unless includeArchived=true)" })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListPlansQueryDto,
  ): Promise<Paginated<PlanView>> {
    return this.plans.list(scopeOf(p), q, q.includeArchived);
  }

  @Get(':planId')
  @AnyRole()
  @ApiOperation({ summary: 'One plan' })
  get(@CurrentPrincipal() p: Principal, @Param('planId') id: string): Promise<PlanView> {
    return this.plans.get(scopeOf(p), id);
  }

  @Patch(':planId')
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Change a plan',
    description: 'Applies at once to every consumer and subscription on the plan.',
  })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('planId') id: string,
    @Body() body: UpdatePlanDto,
  ): Promise<PlanView> {
    return this.plans.update(scopeOf(p), id, body);
  }

  @Delete(':planId')
  @Roles('admin', 'system')
  @ApiOperation({
    summary: 'Archive a plan',
    description: 'It can no longer be chosen; consumers already on it keep its limits.',
  })
  archive(@CurrentPrincipal() p: Principal, @Param('planId') id: string): Promise<PlanView> {
    return this.plans.archive(scopeOf(p), id);
  }
}
