import { Global, Module } from '@nestjs/common';
import { RegistryChanges } from './registry-changes.service';
import { RegistryOutbox } from './registry-outbox';

@Global()
@Module({ providers: [RegistryOutbox, RegistryChanges], exports: [RegistryChanges] })
export class ChangesModule {}
