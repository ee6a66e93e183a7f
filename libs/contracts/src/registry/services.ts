/** `GET /api/v1/services`: what discovery knows, i.e. what the gateway can route to by name. */
export interface CatalogueInstance {
  id: string;
  url: string;
  address: string;
  port: number;
  healthy: boolean;
  tags: string[];
}

export interface CatalogueService {
  name: string;
  instances: CatalogueInstance[];
  healthyInstances: number;
  /** Versions in this tenant whose upstream names this service. */
  usedBy: Array<{ apiName: string; version: string; status: string }>;
}

export interface ServiceCatalogue {
  /** static: addresses from configuration, every instance reported healthy without a check. */
  discovery: 'consul' | 'static';
  note?: string;
  services: CatalogueService[];
}
