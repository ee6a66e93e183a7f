import { describeServiceBoot } from '@portico/testing';
import { analyticsService } from '../src/service';

describeServiceBoot(analyticsService, { database: 'analytics' });
