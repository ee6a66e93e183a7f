import { describeServiceBoot } from '@portico/testing';
import { webhookDispatcherService } from '../src/service';

describeServiceBoot(webhookDispatcherService, { database: 'webhooks' });
