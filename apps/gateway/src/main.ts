import { runService } from '@portico/platform';
import { gatewayService } from './service';

void runService(gatewayService);
