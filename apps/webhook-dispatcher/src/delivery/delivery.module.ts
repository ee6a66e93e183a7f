import { Module } from '@nestjs/common';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
import { EventsConsumer } from './events-consumer';
import { FanOut } from './fan-out';
import { WebhookSender } from './webhook-sender';

@Module({
  providers: [
    DeliveryMetrics,
    DeliveryQueue,
    DeliveryWorker,
    EventsConsumer,
    FanOut,
    WebhookSender,
  ],
  exports: [DeliveryMetrics, DeliveryQueue, DeliveryWorker, FanOut],
})
export class DeliveryModule {}
