import type { ConsulCheckStatus, HttpCheckRunner } from './http-check';

export interface CheckState {
  id: string;
  name: string;
  type: string;
  interval: string;
  timeout: string;
  http?: string;
  status: ConsulCheckStatus;
  output: string;
  createIndex: number;
  modifyIndex: number;
  deregisterAfterMs?: number;
  criticalSince?: number;
  runner?: HttpCheckRunner;
}

export interface ServiceState {
  id: string;
  name: string;
  tags: string[];
  address: string;
  port: number;
  meta: Record<string, string>;
  createIndex: number;
  modifyIndex: number;
  checks: CheckState[];
  forced?: ConsulCheckStatus;
}

export interface NodeInfo {
  id: string;
  name: string;
  address: string;
  datacenter: string;
}

// The JSON shapes Consul answers with (GET /v1/health/service/:name and friends).

export function serviceJson(s: ServiceState) {
  return {
    ID: s.id,
    Service: s.name,
    Tags: s.tags,
    Address: s.address,
    TaggedAddresses: s.address
      ? {
          lan_ipv4: { Address: s.address, Port: s.port },
          wan_ipv4: { Address: s.address, Port: s.port },
        }
      : {},
    Meta: s.meta,
    Port: s.port,
    Weights: { Passing: 1, Warning: 1 },
    EnableTagOverride: false,
    Proxy: { Mode: '', MeshGateway: {}, Expose: {} },
    Connect: {},
    PeerName: '',
    CreateIndex: s.createIndex,
    ModifyIndex: s.modifyIndex,
  };
}

export function checkJson(node: NodeInfo, s: ServiceState, c: CheckState) {
  return {
    Node: node.name,
    CheckID: c.id,
    Name: c.name,
    Status: c.status,
    Notes: '',
    Output: c.output,
    ServiceID: s.id,
    ServiceName: s.name,
    ServiceTags: s.tags,
    Type: c.type,
    Interval: c.interval,
    Timeout: c.timeout,
    ExposedPort: 0,
    Definition: {},
    CreateIndex: c.createIndex,
    ModifyIndex: c.modifyIndex,
  };
}

export function serfHealthJson(node: NodeInfo) {
  return {
    Node: node.name,
    CheckID: 'serfHealth',
    Name: 'Serf Health Status',
    Status: 'passing',
    Notes: '',
    Output: 'Agent alive and reachable',
    ServiceID: '',
    ServiceName: '',
    ServiceTags: [],
    Type: '',
    Interval: '',
    Timeout: '',
    ExposedPort: 0,
    Definition: {},
    CreateIndex: 5,
    ModifyIndex: 5,
  };
}
