import { describeServiceBoot } from '@portico/testing';
import { gatewayService } from '../src/service';

describeServiceBoot(gatewayService);
