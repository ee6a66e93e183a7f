import { Module } from '@nestjs/common';
import { ActionRunner } from './action-runner';
import { ActionsConsumer } from './actions.consumer';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';

@Module({
  controllers: [ActionsController],
  providers: [ActionsService, ActionRunner, ActionsConsumer],
})
export class ActionsModule {}
