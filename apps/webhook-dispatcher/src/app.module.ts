import { Module } from '@nestjs/common';
import { CoreModule } from './common/core.module';
import { DeliveryModule } from './delivery/delivery.module';
import { EndpointsModule } from './endpoints/endpoints.module';
import { GraphRpcModule } from './graph-rpc/graph-rpc.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MessagesModule } from './messages/messages.module';

@Module({
  imports: [
    CoreModule,
    DeliveryModule,
    EndpointsModule,
    MessagesModule,
    MaintenanceModule,
    GraphRpcModule,
  ],
})
export class AppModule {}
