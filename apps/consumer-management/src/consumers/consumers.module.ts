import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { PlansModule } from '../plans/plans.module';
import { TenantsModule } from '../tenants/tenants.module';
import { ConsumersController, SignUpController } from './consumers.controller';
import { ConsumersRepository } from './consumers.repository';
import { ConsumersService } from './consumers.service';
import { DecideConsumer } from './usecases/decide-consumer.usecase';
import { SignUpConsumer } from './usecases/sign-up.usecase';

@Module({
  imports: [KeysModule, PlansModule, TenantsModule],
  controllers: [SignUpController, ConsumersController],
  providers: [ConsumersRepository, ConsumersService, SignUpConsumer, DecideConsumer],
  exports: [ConsumersService, DecideConsumer, SignUpConsumer],
})
export class ConsumersModule {}
