import { runService } from '@portico/platform';
import { webhookDispatcherService } from './service';

void runService(webhookDispatcherService);
