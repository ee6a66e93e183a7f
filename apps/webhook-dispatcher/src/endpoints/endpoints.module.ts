import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EndpointsController } from './endpoints.controller';
import { EndpointsRepository } from './endpoints.repository';
import { EndpointsService } from './endpoints.service';
import { EventTypesController } from './event-types.controller';

@Module({
  imports: [DeliveryModule],
  controllers: [EndpointsController, EventTypesController],
  providers: [EndpointsRepository, EndpointsService],
  exports: [EndpointsService],
})
export class EndpointsModule {}
