import { describeServiceBoot } from '@portico/testing';
import { registryService } from '../src/service';

describeServiceBoot(registryService, { database: 'registry' });
