import { runService } from '@portico/platform';
import { consumerManagementService } from './service';

void runService(consumerManagementService);
