import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

@Module({
  imports: [UsersModule, KeysModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, TenantsService, BootstrapService],
  exports: [TenantsRepository],
})
export class TenantsModule {}
