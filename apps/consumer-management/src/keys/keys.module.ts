import { Module } from '@nestjs/common';
import { ConsumerKeysController, MyKeysController, UserKeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  controllers: [MyKeysController, ConsumerKeysController, UserKeysController],
  providers: [KeysRepository, KeysService],
  exports: [KeysService],
})
export class KeysModule {}
