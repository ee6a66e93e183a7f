import { silentLogger, type LoggerLike } from '@portico/contracts';
import type { ConsulClient, ConsulServiceDefinition } from './consul-client';

export interface ServiceRegistrationSpec {
  /** Service name: the app's name, e.g. `registry`. */
  name: string;
  /** Instance ID; default `<name>-<address>-<port>`, stable across restarts of the same instance. */
  id?: string;
  /** The address other services (and Consul's check) reach this instance on. */
  address: string;
  port: number;
  tags?: string[];
  meta?: Record<string, string>;
  /** Path of the readiness endpoint Consul polls. Default `/health/ready`. */
  checkPath?: string;
  /** Go durations, as Consul takes them. Defaults 10s, 5s, 1m. */
  checkInterval?: string;
  checkTimeout?: string;
  deregisterCriticalServiceAfter?: string;
}

type RegistrationClient = Pick<ConsulClient, 'register' | 'deregister'>;

/**
 * Registers this process with the local Consul agent, with an HTTP check on its readiness endpoint,
 * and removes it again. Both are idempotent: registering twice updates the same entry, deregistering
 * what is not (or no longer) registered is a no-op.
 */
export class ServiceRegistration {
  readonly id: string;
  readonly definition: Readonly<ConsulServiceDefinition>;
  private registered = false;

  constructor(
    private readonly client: RegistrationClient,
    reg: ServiceRegistrationSpec,
    private readonly logger: LoggerLike = silentLogger,
  ) {
    if (!reg.name) throw new Error('ServiceRegistration: name is required');
    if (!reg.address) throw new Error('ServiceRegistration: address is required');
    if (!Number.isInteger(reg.port) || reg.port < 1 || reg.port > 65535) {
      throw new Error(`ServiceRegistration: port ${reg.port} is out of range`);
    }
    this.id = reg.id ?? `${reg.name}-${reg.address}-${reg.port}`;
    const host = reg.address.includes(':') ? `[${reg.address}]` : reg.address;
    const path = reg.checkPath ?? '/health/ready';
    this.definition = Object.freeze({
      ID: this.id,
      Name: reg.name,
      Tags: reg.tags ?? [],
      Address: reg.address,
      Port: reg.port,
      Meta: reg.meta ?? {},
      Check: {
        Name: `${reg.name} readiness`,
        HTTP: `http://${host}:${reg.port}${path.startsWith('/') ? path : `/${path}`}`,
        Interval: reg.checkInterval ?? '10s',
        Timeout: reg.checkTimeout ?? '5s',
        DeregisterCriticalServiceAfter: reg.deregisterCriticalServiceAfter ?? '1m',
      },
    });
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  async register(): Promise<void> {
    await this.client.register({ ...this.definition });
    this.registered = true;
    this.logger.info(
      { serviceId: this.id, service: this.definition.Name, check: this.definition.Check?.HTTP },
      'Registered with Consul',
    );
  }

  async deregister(): Promise<void> {
    if (!this.registered) return;
    await this.client.deregister(this.id);
    this.registered = false;
    this.logger.info({ serviceId: this.id }, 'Deregistered from Consul');
  }
}
