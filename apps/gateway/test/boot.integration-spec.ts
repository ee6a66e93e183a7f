import { describeServiceBoot } from '@portico/testing';
import { gatewayService } from '../src/service';
import { TEST_ROUTES_FILE } from './fixtures/routes-file';

// Readiness waits for a route table: a DB-less table stands in for the registry here.
describeServiceBoot(gatewayService, { extraEnv: { GATEWAY_ROUTES_FILE: TEST_ROUTES_FILE } });
