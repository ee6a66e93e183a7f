import { runService } from '@portico/platform';
import { integrationConnectorsService } from './service';

void runService(integrationConnectorsService);
