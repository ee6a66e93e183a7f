import { describeServiceBoot } from '@portico/testing';
import { consumerManagementService } from '../src/service';

describeServiceBoot(consumerManagementService, {
  database: 'consumers',
  // With a bootstrap key set, the first start does not print a generated one.
  extraEnv: { PORTICO_BOOTSTRAP_ADMIN_KEY: 'pk_bootstrap_admin_key_for_boot_test' },
});
