import path from 'node:path';
import { describeServiceBoot } from '@portico/testing';
import { gatewayService } from '../src/service';

// Readiness waits for a route table: a DB-less table stands in for the registry here.
describeServiceBoot(gatewayService, {
  extraEnv: { GATEWAY_ROUTES_FILE: path.join(__dirname, 'fixtures', 'routes.yaml') },
});
