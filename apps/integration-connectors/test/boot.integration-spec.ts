import { describeServiceBoot } from '@portico/testing';
import { integrationConnectorsService } from '../src/service';

describeServiceBoot(integrationConnectorsService, { database: 'connectors' });
