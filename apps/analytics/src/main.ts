import { runService } from '@portico/platform';
import { analyticsService } from './service';

void runService(analyticsService);
