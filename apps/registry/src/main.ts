import { runService } from '@portico/platform';
import { registryService } from './service';

void runService(registryService);
