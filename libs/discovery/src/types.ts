export interface ServiceInstance {
  id: string;
  service: string;
  address: string;
  port: number;
  /** Base URL of the instance, `http://address:port` (IPv6 addresses in brackets). */
  url: string;
  tags: string[];
  meta: Record<string, string>;
  healthy: boolean;
}

export type InstancesListener = (instances: ServiceInstance[]) => void;

export interface Discovery {
  readonly mode: 'consul' | 'static';
  /** Healthy instances of a service, from a cache kept up to date in the background. */
  resolve(service: string): Promise<ServiceInstance[]>;
  /**
   * Calls `listener` with the current healthy instances as soon as they are known and again after
   * every change. Returns the function that unsubscribes.
   */
  subscribe(service: string, listener: InstancesListener): () => void;
  close(): Promise<void>;
}
