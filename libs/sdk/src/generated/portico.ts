// Generated from openapi.json by scripts/generate.mjs. Do not edit: run
// `pnpm --filter @portico/sdk generate`.
export interface paths {
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public keys of access tokens (JWK Set, RFC 7517) */
    get: operations['WellKnownController_jwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/oauth-authorization-server': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Authorisation server metadata (RFC 8414) */
    get: operations['WellKnownController_metadata'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alert rules of your tenant */
    get: operations['AlertsController_list'];
    put?: never;
    /**
     * Create an alert rule
     * @description When the metric over the last `windowMinutes` crosses the threshold, `analytics.alert.triggered` is emitted once; when it goes back, `analytics.alert.resolved`. Rules are evaluated every ANALYTICS_ALERT_INTERVAL_MS.
     */
    post: operations['AlertsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/alerts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An alert rule and its state */
    get: operations['AlertsController_get'];
    put?: never;
    post?: never;
    /** Delete an alert rule */
    delete: operations['AlertsController_remove'];
    options?: never;
    head?: never;
    /** Change an alert rule (a changed condition starts over in state ok) */
    patch: operations['AlertsController_update'];
    trace?: never;
  };
  '/api/v1/analytics/apis/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One API's analytics
     * @description The metrics report narrowed to the API, with its versions, routes and health over the last hour.
     */
    get: operations['ApisController_api'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of your APIs over the last hour
     * @description Per API and route: CRITICAL when the average response time is over 5,000 ms, WARNING over 2,000 ms, ERROR when more than 10% of requests failed (status >= 400), else HEALTHY. APIs without traffic in the hour are not listed.
     */
    get: operations['ApisController_report'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Usage per consumer per billing period (for invoicing)
     * @description Exact request counts per consumer for a calendar month (UTC; default the current one). `format=csv` returns every row as text/csv (no pagination). Callers with the consumer role see their own row.
     */
    get: operations['UsageController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List APIs (filters: status of a version, tag, search) */
    get: operations['ApisController_list'];
    put?: never;
    /** Register an API */
    post: operations['ApisController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an API with its versions */
    get: operations['ApisController_get'];
    put?: never;
    post?: never;
    /** Delete an API and its versions (none may be published or deprecated) */
    delete: operations['ApisController_delete'];
    options?: never;
    head?: never;
    /** Change an API's title, description, tags or owner */
    patch: operations['ApisController_update'];
    trace?: never;
  };
  '/api/v1/apis/{api}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an API's versions (filter: status) */
    get: operations['VersionsController_list'];
    put?: never;
    /** Create a draft version with its upstream, policies and routes */
    post: operations['VersionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a version with its routes and their effective policies */
    get: operations['VersionsController_get'];
    put?: never;
    post?: never;
    /** Delete a draft or retired version */
    delete: operations['VersionsController_delete'];
    options?: never;
    head?: never;
    /** Change upstream, policies or (drafts only) basePath */
    patch: operations['VersionsController_update'];
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/deprecate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** published → deprecated, with a future sunsetAt and optional successor */
    post: operations['VersionsController_deprecate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/openapi': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The imported OpenAPI document, as JSON or YAML */
    get: operations['VersionsController_openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The version's policies (routes inherit them) */
    get: operations['VersionsController_policies'];
    /** Replace the version's policies (validated; a 400 names the field) */
    put: operations['VersionsController_setPolicies'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** draft → published: the gateway starts serving it */
    post: operations['VersionsController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/retire': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** deprecated → retired: the gateway answers 410 Gone */
    post: operations['VersionsController_retire'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/routes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the routes of a version with their effective policies */
    get: operations['RoutesController_list'];
    put?: never;
    /** Add a route (emits registry.route.changed) */
    post: operations['RoutesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/routes/{route}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a route */
    get: operations['RoutesController_get'];
    put?: never;
    post?: never;
    /** Remove a route */
    delete: operations['RoutesController_delete'];
    options?: never;
    head?: never;
    /** Change a route */
    patch: operations['RoutesController_update'];
    trace?: never;
  };
  '/api/v1/apis/{api}/versions/{version}/routes/{route}/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The route's policy overrides */
    get: operations['RoutesController_policies'];
    /** Replace the route's overrides ({} inherits everything from the version) */
    put: operations['RoutesController_setPolicies'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/apis/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create or update an API, a version and its routes from an OpenAPI document
     * @description One transaction: an invalid or unsupported document is a 400 with the reason and nothing is written. Defaults: name = slug of info.title, version = v<major> of info.version, basePath = path of servers[0].url, upstream = x-portico-upstream or servers[0].url. Re-importing updates the version (drafts, published and deprecated ones); routes matching by method and path keep their id and policies.
     */
    post: operations['OpenApiImportController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who changed what and when, with before/after (newest first)
     * @description entity: an id (api_…, ver_…, rte_…; an API id includes its versions and routes) or a type (api, version, route); actor: the actor id; since: ISO-8601 timestamp.
     */
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connectors (credentials are never returned) */
    get: operations['ConnectionsController_list'];
    put?: never;
    /** Create a connector: a definition with credentials, destination and schedule */
    post: operations['ConnectionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a connector */
    get: operations['ConnectionsController_get'];
    put?: never;
    post?: never;
    /** Delete a connector (its destination tables are kept) */
    delete: operations['ConnectionsController_remove'];
    options?: never;
    head?: never;
    /** Change a connector (credentials are replaced when given) */
    patch: operations['ConnectionsController_update'];
    trace?: never;
  };
  '/api/v1/connectors/{id}/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Test credentials, reachability and destination tables without loading anything */
    post: operations['ConnectionsController_check'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/{id}/errors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Error history: time, stream, page, HTTP status, kind and message */
    get: operations['ConnectionsController_errorHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/{id}/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Health summary: totalErrors, by kind, last error, healthy|degraded|failing */
    get: operations['ConnectionsController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/{id}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Run history: records read/written per stream, pages, retries, duration, status */
    get: operations['RunsController_list'];
    put?: never;
    /** Start a sync run now (409 while one is queued or running) */
    post: operations['RunsController_trigger'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/{id}/runs/{runId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One run */
    get: operations['RunsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/actions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List actions */
    get: operations['ActionsController_list'];
    put?: never;
    /** Call third-party APIs when a Portico event happens */
    post: operations['ActionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/actions/{actionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an action */
    get: operations['ActionsController_get'];
    put?: never;
    post?: never;
    /** Delete an action */
    delete: operations['ActionsController_remove'];
    options?: never;
    head?: never;
    /** Change an action */
    patch: operations['ActionsController_update'];
    trace?: never;
  };
  '/api/v1/connectors/actions/{actionId}/invocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invocations of an action with every attempt (cache hits, retries, fallbacks) */
    get: operations['ActionsController_invocations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/definitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connector definitions */
    get: operations['DefinitionsController_list'];
    put?: never;
    /** Register a connector definition (JSON object or YAML text) */
    post: operations['DefinitionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/definitions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a connector definition */
    get: operations['DefinitionsController_get'];
    /** Replace a connector definition (its revision goes up) */
    put: operations['DefinitionsController_update'];
    post?: never;
    /** Delete a connector definition no connection uses */
    delete: operations['DefinitionsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connectors/schema': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The JSON Schema connector definitions are validated against */
    get: operations['DefinitionsController_schema'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List consumers (a `user` sees the ones it owns) */
    get: operations['ConsumersController_list'];
    put?: never;
    /**
     * Create a consumer
     * @description Admins and system users create approved consumers; a `user` creates a pending one it owns (approved at once if its plan auto-approves).
     */
    post: operations['ConsumersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One consumer */
    get: operations['ConsumersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a consumer's name, contact, metadata or (admins) plan */
    patch: operations['ConsumersController_update'];
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a pending consumer, or re-approve a suspended one
     * @description Optionally puts it on a plan. Emits consumer.approved.
     */
    post: operations['ConsumersController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a consumer's API keys (masked, with lastUsedAt) */
    get: operations['ConsumerKeysController_list'];
    put?: never;
    /** Create an API key for a consumer (the full key is shown once) */
    post: operations['ConsumerKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of a consumer's API keys (masked) */
    get: operations['ConsumerKeysController_get'];
    put?: never;
    post?: never;
    /** Revoke a consumer's API key (effective at once) */
    delete: operations['ConsumerKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/keys/{keyId}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a consumer's API key
     * @description New key shown once; the old one works for `gracePeriodSeconds` more.
     */
    post: operations['ConsumerKeysController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/oauth-clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A consumer's OAuth clients */
    get: operations['OAuthClientsController_list'];
    put?: never;
    /**
     * Register an OAuth client (client credentials) for a consumer
     * @description The answer holds `clientSecret`, shown once.
     */
    post: operations['OAuthClientsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/oauth-clients/{clientId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One OAuth client */
    get: operations['OAuthClientsController_get'];
    put?: never;
    post?: never;
    /** Revoke an OAuth client: no new tokens, its tokens turn inactive */
    delete: operations['OAuthClientsController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a pending consumer, with a reason (consumer.rejected) */
    post: operations['ConsumersController_reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A consumer's subscriptions */
    get: operations['SubscriptionsController_listForConsumer'];
    put?: never;
    /**
     * Subscribe a consumer to an API version under a plan
     * @description Default plan: the consumer's. Pending when the plan requires approval (unless an admin subscribes), else approved.
     */
    post: operations['SubscriptionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/{consumerId}/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Suspend an approved consumer: its keys and tokens stop working at once */
    post: operations['ConsumersController_suspend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consumers/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling consumer */
    get: operations['ConsumersController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole platform as one OpenAPI 3.1 document (or a Swagger UI page to read it) */
    get: operations['DocsController_document'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/docs/apis/{name}/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One published API version, under its public gateway paths */
    get: operations['DocsController_apiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/docs/assets/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Swagger UI files for the HTML page (served locally) */
    get: operations['DocsController_asset'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/gateway/cache': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Purge cached responses of an API (?api=api_…), or of all the tenant's APIs */
    delete: operations['CacheController_purge'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Health of each service and of the suite as a whole */
    get: operations['StatusController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the caller's API keys (masked, with lastUsedAt) */
    get: operations['MyKeysController_list'];
    put?: never;
    /**
     * Create an API key for the caller
     * @description Body `{ name, permissions[] }` (or `scopes[]`), optional expiry, API and IP restrictions. The answer holds the full key (`key`); it is never shown again.
     */
    post: operations['MyKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the caller's API keys (masked) */
    get: operations['MyKeysController_get'];
    put?: never;
    post?: never;
    /** Revoke one of the caller's API keys (effective at once) */
    delete: operations['MyKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{keyId}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate one of the caller's API keys
     * @description Issues a new key with the same settings (shown once); the old key keeps working for `gracePeriodSeconds` (default one day).
     */
    post: operations['MyKeysController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Traffic metrics of your tenant
     * @description Totals, latency percentiles (DDSketch, within 1%), top errors, endpoints and consumers, and a series. Ranges are whole buckets ending with the current one: 15m and 1h by minute, 24h by hour, 7d in 6-hour steps, 30d by day. `service` is an API name, `api` an API id. Callers with the consumer role see their own traffic.
     */
    get: operations['MetricsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/oauth/signing-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Token signing keys (public data), newest first */
    get: operations['SigningKeysController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/oauth/signing-keys/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replace the signing key now
     * @description The old key stays in the JWKS until the tokens it signed have expired.
     */
    post: operations['SigningKeysController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant's plans (active ones unless includeArchived=true) */
    get: operations['PlansController_list'];
    put?: never;
    /** Create a plan: rate limit, monthly quota, allowed APIs, approval rules */
    post: operations['PlansController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/{planId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One plan */
    get: operations['PlansController_get'];
    put?: never;
    post?: never;
    /**
     * Archive a plan
     * @description It can no longer be chosen; consumers already on it keep its limits.
     */
    delete: operations['PlansController_archive'];
    options?: never;
    head?: never;
    /**
     * Change a plan
     * @description Applies at once to every consumer and subscription on the plan.
     */
    patch: operations['PlansController_update'];
    trace?: never;
  };
  '/api/v1/route-table': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your tenant's compiled route table, as gateways load it
     * @description Published, deprecated and retired versions with effective policies and the registry-wide revision. Gateways get every tenant over NATS request-reply (registry.snapshot.get).
     */
    get: operations['RouteTableController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sdk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The SDKs this gateway offers, with install instructions and examples */
    get: operations['SdkController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sdk/{language}/{version}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The SDK package as an npm tarball (`npm install <this URL>`) */
    get: operations['SdkController_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/services': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Upstream services known to discovery, with instances and health
     * @description From Consul (every instance, passing or not) or from static configuration (the response says so). Each service lists the versions of your APIs that route to it.
     */
    get: operations['ServicesCatalogueController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Self-service sign-up of a developer or application
     * @description Creates a pending consumer (approved at once when its plan auto-approves) and its first API key (`key.key`, shown once), which starts working when the consumer is approved. 403 when the tenant has self-service sign-up turned off.
     */
    post: operations['SignUpController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Overall and per-service status of the suite
     * @description `healthy` when every service is, `down` when none answers, else `degraded`. Each service has its last probe's response time, when it was checked, the share of probes that found it up since this gateway started (`uptime`, percent) and its version when discovery knows it.
     */
    get: operations['StatusController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Subscriptions you can see, by status, consumer or API */
    get: operations['SubscriptionsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subscriptions/{subscriptionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One subscription */
    get: operations['SubscriptionsController_get'];
    put?: never;
    post?: never;
    /** Cancel a subscription (the consumer loses access at once) */
    delete: operations['SubscriptionsController_cancel'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subscriptions/{subscriptionId}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a pending subscription */
    post: operations['SubscriptionsController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subscriptions/{subscriptionId}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a pending subscription, with a reason */
    post: operations['SubscriptionsController_reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Tenants you can see (operators: all; others: their own) */
    get: operations['TenantsController_list'];
    put?: never;
    /**
     * Create a tenant with its first admin (operators: admins of the default tenant)
     * @description The answer holds the first admin's API key (`adminKey.key`), shown once.
     */
    post: operations['TenantsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tenants/{tenantId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One tenant */
    get: operations['TenantsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Rename a tenant, toggle self-service sign-up, or (operators) suspend it
     * @description A suspended tenant's keys and tokens stop working at once.
     */
    patch: operations['TenantsController_update'];
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your tenant's admin users */
    get: operations['UsersController_list'];
    put?: never;
    /**
     * Add an admin user (role admin, user, system or auditor) to your tenant
     * @description Create their API key with POST /api/v1/users/{userId}/keys.
     */
    post: operations['UsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One admin user of your tenant */
    get: operations['UsersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a user's name, role or status
     * @description A disabled user's keys stop working at once.
     */
    patch: operations['UsersController_update'];
    trace?: never;
  };
  '/api/v1/users/{userId}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an admin user's API keys (masked) */
    get: operations['UserKeysController_list'];
    put?: never;
    /** Create an API key for an admin user (shown once) */
    post: operations['UserKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{userId}/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an admin user's API key */
    delete: operations['UserKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling user */
    get: operations['UsersController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Deliveries that failed for good (retries exhausted, 410 Gone, endpoint disabled)
     * @description Resend one with POST /messages/{id}/resend, or all since a time with /endpoints/{id}/recover.
     */
    get: operations['MessagesController_deadLetters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List endpoints */
    get: operations['EndpointsController_list'];
    put?: never;
    /**
     * Create an endpoint
     * @description The URL is checked against the SSRF guard (400 naming the reason). The answer carries the signing secret (`whsec_...`), generated when not given.
     */
    post: operations['EndpointsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an endpoint */
    get: operations['EndpointsController_get'];
    /**
     * Update an endpoint
     * @description Fields not sent are kept. `isActive: true` re-enables a disabled endpoint.
     */
    put: operations['EndpointsController_update'];
    post?: never;
    /** Delete an endpoint and its pending deliveries */
    delete: operations['EndpointsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{id}/recover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resend failed messages since a time
     * @description Every message whose delivery to this endpoint failed since `since` (at most WEBHOOK_RECOVER_MAX_DAYS back, default 14) is queued again with a fresh retry schedule, oldest first, up to WEBHOOK_RECOVER_MAX_MESSAGES (default 10,000); `more` says some are left.
     */
    post: operations['EndpointsController_recover'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{id}/secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get the endpoint's signing secret */
    get: operations['EndpointsController_secret'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{id}/secret/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate the signing secret
     * @description The new secret signs from now on. During the overlap window (default 24 h) messages carry both signatures, space-separated, so receivers can switch without dropping any.
     */
    post: operations['EndpointsController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/event-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The catalogue of Portico's event types, with the JSON Schema of each `data`
     * @description Endpoints may also subscribe to custom types that tenants publish through POST /api/v1/webhooks/messages: dot-separated segments of letters, digits, `_` and `-`, whose first segment is none of `analytics`, `connector`, `consumer`, `registry`, `webhook` (those belong to Portico). Filters take exact types or `*` wildcards: `*` is one segment, a trailing `*` one or more (`registry.*`), `*` alone every type.
     */
    get: operations['EventTypesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List messages, newest first, filtered by type, time, endpoint or status */
    get: operations['MessagesController_list'];
    put?: never;
    /**
     * Publish a custom event to your endpoints
     * @description Persisted and fanned out to every matching endpoint before the answer. `eventType` must not use a Portico namespace (see GET /api/v1/webhooks/event-types). A repeated `eventId` names the same message. With an `Idempotency-Key`, the same key returns the same message (200) for WEBHOOK_IDEMPOTENCY_TTL_HOURS (default 24 h); reusing it with another body is a 409.
     */
    post: operations['MessagesController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/messages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a message with its delivery to each endpoint */
    get: operations['MessagesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/messages/{id}/attempts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A message's delivery attempts, oldest first
     * @description Time, URL, status, duration, response headers, the first 20 KB of the body, error.
     */
    get: operations['MessagesController_attempts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/messages/{id}/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a message to one endpoint again, with a fresh retry schedule */
    post: operations['MessagesController_resend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/oauth/introspect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Token introspection (RFC 7662)
     * @description Form parameter `token`; the caller authenticates as an OAuth client. Tokens of other tenants are reported inactive.
     */
    post: operations['OAuthController_introspect'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/oauth/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Token revocation (RFC 7009)
     * @description Form parameter `token`; the client that was issued the token authenticates. Unknown or expired tokens are not an error.
     */
    post: operations['OAuthController_revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/oauth/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue an access token (client credentials grant)
     * @description Form parameters `grant_type=client_credentials` and optional `scope`; client authentication by HTTP Basic (client_secret_basic) or `client_id` + `client_secret` in the body (client_secret_post). Answers a JWT (RFC 9068, ES256).
     */
    post: operations['OAuthController_token'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'analytics.alert.resolved': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * analytics.alert.resolved
     * @description An alert rule went back under its threshold.
     */
    post: operations['event_analytics_alert_resolved'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'analytics.alert.triggered': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * analytics.alert.triggered
     * @description An alert rule crossed its threshold.
     */
    post: operations['event_analytics_alert_triggered'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'analytics.usage.threshold_reached': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * analytics.usage.threshold_reached
     * @description A consumer used a share (80% or 100%) of its plan's monthly quota.
     */
    post: operations['event_analytics_usage_threshold_reached'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'connector.run.completed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * connector.run.completed
     * @description A sync run finished.
     */
    post: operations['event_connector_run_completed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'connector.run.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * connector.run.failed
     * @description A sync run failed; committed batches stay, the next run resumes from the saved state.
     */
    post: operations['event_connector_run_failed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'connector.run.started': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * connector.run.started
     * @description A sync run started.
     */
    post: operations['event_connector_run_started'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.approved': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.approved
     * @description A consumer was approved (or re-approved after a suspension); its credentials work.
     */
    post: operations['event_consumer_approved'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.created
     * @description A consumer signed up or was created by an admin.
     */
    post: operations['event_consumer_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.key.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.key.created
     * @description An API key was created.
     */
    post: operations['event_consumer_key_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.key.revoked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.key.revoked
     * @description An API key was revoked.
     */
    post: operations['event_consumer_key_revoked'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.key.rotated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.key.rotated
     * @description An API key was rotated; the old key works until graceUntil.
     */
    post: operations['event_consumer_key_rotated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.oauth_client.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.oauth_client.created
     * @description An OAuth client was registered.
     */
    post: operations['event_consumer_oauth_client_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.oauth_client.revoked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.oauth_client.revoked
     * @description An OAuth client was revoked; its tokens stop working.
     */
    post: operations['event_consumer_oauth_client_revoked'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.plan.archived': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.plan.archived
     * @description A plan was archived.
     */
    post: operations['event_consumer_plan_archived'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.plan.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.plan.created
     * @description A plan was created.
     */
    post: operations['event_consumer_plan_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.plan.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.plan.updated
     * @description A plan's limits or rules changed.
     */
    post: operations['event_consumer_plan_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.rejected': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.rejected
     * @description A consumer was rejected.
     */
    post: operations['event_consumer_rejected'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.subscription.approved': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.subscription.approved
     * @description A subscription was approved.
     */
    post: operations['event_consumer_subscription_approved'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.subscription.cancelled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.subscription.cancelled
     * @description A subscription was cancelled.
     */
    post: operations['event_consumer_subscription_cancelled'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.subscription.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.subscription.created
     * @description A consumer subscribed to an API version (status pending or approved).
     */
    post: operations['event_consumer_subscription_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.subscription.rejected': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.subscription.rejected
     * @description A subscription was rejected.
     */
    post: operations['event_consumer_subscription_rejected'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.suspended': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.suspended
     * @description A consumer was suspended; its credentials stop working.
     */
    post: operations['event_consumer_suspended'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.tenant.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.tenant.created
     * @description A tenant was created.
     */
    post: operations['event_consumer_tenant_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.tenant.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.tenant.updated
     * @description A tenant changed (a suspended tenant's credentials stop working).
     */
    post: operations['event_consumer_tenant_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.token.revoked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.token.revoked
     * @description An access token was revoked before it expired (RFC 7009).
     */
    post: operations['event_consumer_token_revoked'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.updated
     * @description A consumer's details or plan changed.
     */
    post: operations['event_consumer_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.user.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.user.created
     * @description An admin user was added to a tenant.
     */
    post: operations['event_consumer_user_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.user.key.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.user.key.created
     * @description An admin user's API key was created.
     */
    post: operations['event_consumer_user_key_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.user.key.revoked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.user.key.revoked
     * @description An admin user's API key was revoked.
     */
    post: operations['event_consumer_user_key_revoked'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.user.key.rotated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.user.key.rotated
     * @description An admin user's API key was rotated; the old key works until graceUntil.
     */
    post: operations['event_consumer_user_key_rotated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'consumer.user.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * consumer.user.updated
     * @description An admin user's role or status changed.
     */
    post: operations['event_consumer_user_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.api.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.api.created
     * @description An API was registered.
     */
    post: operations['event_registry_api_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.api.deleted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.api.deleted
     * @description An API and all its versions were removed.
     */
    post: operations['event_registry_api_deleted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.api.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.api.updated
     * @description An API's metadata changed.
     */
    post: operations['event_registry_api_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.route.changed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.route.changed
     * @description Routes or policies of a version changed.
     */
    post: operations['event_registry_route_changed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.created
     * @description A draft version of an API was created.
     */
    post: operations['event_registry_version_created'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.deleted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.deleted
     * @description A draft or retired version was removed.
     */
    post: operations['event_registry_version_deleted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.deprecated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.deprecated
     * @description A version was deprecated; it keeps serving with Deprecation and Sunset headers.
     */
    post: operations['event_registry_version_deprecated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.published': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.published
     * @description A version went live on the gateway.
     */
    post: operations['event_registry_version_published'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.retired': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.retired
     * @description A version was retired; the gateway answers 410 Gone.
     */
    post: operations['event_registry_version_retired'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'registry.version.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * registry.version.updated
     * @description A version's upstream, policies or base path changed.
     */
    post: operations['event_registry_version_updated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'webhook.endpoint.disabled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * webhook.endpoint.disabled
     * @description An endpoint was disabled (failing for too long, or it answered 410 Gone).
     */
    post: operations['event_webhook_endpoint_disabled'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'webhook.message.exhausted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * webhook.message.exhausted
     * @description A message could not be delivered to an endpoint after every retry.
     */
    post: operations['event_webhook_message_exhausted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /** @default {} */
    ApproveConsumerDto: {
      planId?: string;
    };
    ConnectorDefinitionBody: {
      manifest:
        | {
            [key: string]: unknown;
          }
        | string;
    };
    ConsumerSignUpDto: {
      /** @default {} */
      contact?: {
        address?: string;
        company?: string;
        phone?: string;
        /** Format: uri */
        website?: string;
      };
      /** Format: email */
      email: string;
      /** @default {} */
      metadata?: {
        [key: string]: string;
      };
      name: string;
      planId?: string;
      /** @default default */
      tenant?: string;
      /**
       * @default developer
       * @enum {string}
       */
      type?: 'developer' | 'application';
    };
    CreateActionBody: {
      /** @default true */
      enabled?: boolean;
      eventType: string;
      filter?: string;
      name: string;
      steps: {
        body?: string;
        cache?: {
          ttlSeconds: number;
        };
        connectionId: string;
        fallback?:
          | {
              /** @constant */
              type: 'default';
              value: unknown;
            }
          | {
              /** Format: uri */
              baseUrl: string;
              /** @constant */
              type: 'secondary';
            }
          | {
              /** @constant */
              type: 'ignore';
            };
        /** @default {} */
        headers?: {
          [key: string]: string;
        };
        /**
         * @default POST
         * @enum {string}
         */
        method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        name: string;
        path: string;
        /** @default {} */
        query?: {
          [key: string]: string;
        };
      }[];
    };
    CreateAlertRuleDto: {
      /** @default true */
      enabled?: boolean;
      /** @enum {string} */
      metric:
        | 'request_count'
        | 'error_count'
        | 'error_rate'
        | 'avg_latency_ms'
        | 'p95_latency_ms'
        | 'p99_latency_ms';
      name: string;
      /**
       * @default gt
       * @enum {string}
       */
      operator?: 'gt' | 'gte' | 'lt' | 'lte';
      /** @default {} */
      scope?: {
        apiId?: string;
        consumerId?: string;
        routeId?: string;
      };
      threshold: number;
      /** @default 5 */
      windowMinutes?: number;
    };
    CreateApiDto: {
      /** @default  */
      description?: string;
      name: string;
      owner?: string | null;
      tags?: string[];
      title: string;
    };
    CreateApiKeyDto: {
      allowedApis?: string[];
      allowedIps?: string[];
      /** Format: date-time */
      expiresAt?: string;
      name: string;
      permissions?: string[];
      scopes?: string[];
    };
    CreateConnectionBody: {
      /** Format: uri */
      baseUrl?: string;
      /** @default {} */
      credentials?: {
        [key: string]: string;
      };
      definitionId: string;
      destination?: {
        schema: string;
        /** @default {} */
        streams?: {
          [key: string]: {
            /** @default true */
            enabled?: boolean;
            /**
             * @default append
             * @enum {string}
             */
            loadMode?: 'append' | 'replace' | 'upsert';
            table?: string;
          };
        };
      };
      /** @default true */
      enabled?: boolean;
      name: string;
      /** @default null */
      schedule?: string | null;
    };
    CreateConsumerDto: {
      /** @default {} */
      contact?: {
        address?: string;
        company?: string;
        phone?: string;
        /** Format: uri */
        website?: string;
      };
      /** Format: email */
      email: string;
      /** @default {} */
      metadata?: {
        [key: string]: string;
      };
      name: string;
      planId?: string;
      /**
       * @default developer
       * @enum {string}
       */
      type?: 'developer' | 'application';
    };
    CreateOAuthClientDto: {
      name: string;
      /** @default [] */
      scopes?: string[];
    };
    CreatePlanDto: {
      /** @default null */
      allowedApis?: string[] | null;
      /** @default false */
      autoApprove?: boolean;
      /** @default  */
      description?: string;
      /** @default false */
      isDefault?: boolean;
      name: string;
      /** @default null */
      quotaPerMonth?: number | null;
      /** @default null */
      rateLimitPerMinute?: number | null;
      /** @default false */
      subscriptionApproval?: boolean;
    };
    CreateRouteDto: {
      method: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS') | 'ANY';
      operationId?: string | null;
      /** Format: starts_with */
      path: string;
      /** @default {} */
      policies?: {
        auth?: {
          /** @default false */
          allowQueryKey?: boolean;
          /** @default false */
          requireSubscription?: boolean;
          /** @default [] */
          scopes?: string[];
          /**
           * @default apiKey
           * @enum {string}
           */
          type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
        };
        cache?: {
          /** @default false */
          perConsumer?: boolean;
          ttlSeconds: number;
          /** @default [] */
          vary?: string[];
        };
        circuitBreaker?: {
          /** @default 5 */
          consecutiveFailures?: number;
          /** @default 60000 */
          halfOpenAfterMs?: number;
        };
        cors?: {
          /** @default false */
          credentials?: boolean;
          /** @default [] */
          exposeHeaders?: string[];
          /** @default [] */
          headers?: string[];
          /** @default 600 */
          maxAgeSeconds?: number;
          /**
           * @default [
           *       "GET",
           *       "HEAD",
           *       "POST",
           *       "PUT",
           *       "PATCH",
           *       "DELETE"
           *     ]
           */
          methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
          origins: string[];
        };
        ipFilter?: {
          /** @default [] */
          allow?: string[];
          /** @default [] */
          deny?: string[];
        };
        quota?: {
          /**
           * @default month
           * @enum {string}
           */
          period?: 'day' | 'month';
          requests: number;
        };
        rateLimit?: {
          requests: number;
          /**
           * @default consumer
           * @enum {string}
           */
          scope?: 'consumer' | 'key' | 'ip' | 'route';
          windowSeconds: number;
        };
        requestSizeLimitBytes?: number;
        retry?: {
          /** @default 3 */
          maxAttempts?: number;
        };
        timeoutMs?: number;
        transform?: {
          request?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
            pathPrefix?: string;
          };
          response?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
          };
        };
        validateRequest?: boolean;
      };
      summary?: string | null;
    };
    CreateSubscriptionDto: {
      apiId: string;
      apiVersionId: string;
      planId?: string;
    };
    CreateTenantDto: {
      admin: {
        /** Format: email */
        email: string;
        name: string;
      };
      name: string;
      /** @default true */
      selfSignup?: boolean;
      slug: string;
    };
    CreateUserDto: {
      /** Format: email */
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'user' | 'system' | 'auditor';
    };
    CreateVersionDto: {
      basePath: string;
      /** @default {} */
      policies?: {
        auth?: {
          /** @default false */
          allowQueryKey?: boolean;
          /** @default false */
          requireSubscription?: boolean;
          /** @default [] */
          scopes?: string[];
          /**
           * @default apiKey
           * @enum {string}
           */
          type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
        };
        cache?: {
          /** @default false */
          perConsumer?: boolean;
          ttlSeconds: number;
          /** @default [] */
          vary?: string[];
        };
        circuitBreaker?: {
          /** @default 5 */
          consecutiveFailures?: number;
          /** @default 60000 */
          halfOpenAfterMs?: number;
        };
        cors?: {
          /** @default false */
          credentials?: boolean;
          /** @default [] */
          exposeHeaders?: string[];
          /** @default [] */
          headers?: string[];
          /** @default 600 */
          maxAgeSeconds?: number;
          /**
           * @default [
           *       "GET",
           *       "HEAD",
           *       "POST",
           *       "PUT",
           *       "PATCH",
           *       "DELETE"
           *     ]
           */
          methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
          origins: string[];
        };
        ipFilter?: {
          /** @default [] */
          allow?: string[];
          /** @default [] */
          deny?: string[];
        };
        quota?: {
          /**
           * @default month
           * @enum {string}
           */
          period?: 'day' | 'month';
          requests: number;
        };
        rateLimit?: {
          requests: number;
          /**
           * @default consumer
           * @enum {string}
           */
          scope?: 'consumer' | 'key' | 'ip' | 'route';
          windowSeconds: number;
        };
        requestSizeLimitBytes?: number;
        retry?: {
          /** @default 3 */
          maxAttempts?: number;
        };
        timeoutMs?: number;
        transform?: {
          request?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
            pathPrefix?: string;
          };
          response?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
          };
        };
        validateRequest?: boolean;
      };
      /** @default [] */
      routes?: {
        method: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS') | 'ANY';
        operationId?: string | null;
        /** Format: starts_with */
        path: string;
        /** @default {} */
        policies?: {
          auth?: {
            /** @default false */
            allowQueryKey?: boolean;
            /** @default false */
            requireSubscription?: boolean;
            /** @default [] */
            scopes?: string[];
            /**
             * @default apiKey
             * @enum {string}
             */
            type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
          };
          cache?: {
            /** @default false */
            perConsumer?: boolean;
            ttlSeconds: number;
            /** @default [] */
            vary?: string[];
          };
          circuitBreaker?: {
            /** @default 5 */
            consecutiveFailures?: number;
            /** @default 60000 */
            halfOpenAfterMs?: number;
          };
          cors?: {
            /** @default false */
            credentials?: boolean;
            /** @default [] */
            exposeHeaders?: string[];
            /** @default [] */
            headers?: string[];
            /** @default 600 */
            maxAgeSeconds?: number;
            /**
             * @default [
             *       "GET",
             *       "HEAD",
             *       "POST",
             *       "PUT",
             *       "PATCH",
             *       "DELETE"
             *     ]
             */
            methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
            origins: string[];
          };
          ipFilter?: {
            /** @default [] */
            allow?: string[];
            /** @default [] */
            deny?: string[];
          };
          quota?: {
            /**
             * @default month
             * @enum {string}
             */
            period?: 'day' | 'month';
            requests: number;
          };
          rateLimit?: {
            requests: number;
            /**
             * @default consumer
             * @enum {string}
             */
            scope?: 'consumer' | 'key' | 'ip' | 'route';
            windowSeconds: number;
          };
          requestSizeLimitBytes?: number;
          retry?: {
            /** @default 3 */
            maxAttempts?: number;
          };
          timeoutMs?: number;
          transform?: {
            request?: {
              headers?: {
                /** @default {} */
                add?: {
                  [key: string]: string;
                };
                /** @default [] */
                remove?: string[];
                /** @default {} */
                rename?: {
                  [key: string]: string;
                };
              };
              pathPrefix?: string;
            };
            response?: {
              headers?: {
                /** @default {} */
                add?: {
                  [key: string]: string;
                };
                /** @default [] */
                remove?: string[];
                /** @default {} */
                rename?: {
                  [key: string]: string;
                };
              };
            };
          };
          validateRequest?: boolean;
        };
        summary?: string | null;
      }[];
      upstream: {
        healthCheck?: {
          /** @default 30000 */
          intervalMs?: number;
          /**
           * Format: starts_with
           * @default /health
           */
          path?: string;
          /** @default 5000 */
          timeoutMs?: number;
          /** @default 3 */
          unhealthyThreshold?: number;
        };
        /**
         * @default round-robin
         * @enum {string}
         */
        loadBalancing?: 'round-robin' | 'least-connections' | 'weighted';
        service?: string;
        targets?: {
          /** Format: uri */
          url: string;
          /** @default 100 */
          weight?: number;
        }[];
      };
      version: string;
    };
    CreateWebhookEndpointDto: {
      consumerId?: string | null;
      /** @default  */
      description?: string;
      /** @default [] */
      eventTypes?: string[];
      /** @default {} */
      headers?: {
        [key: string]: string;
      };
      /**
       * @default POST
       * @enum {string}
       */
      httpMethod?: 'POST' | 'PUT' | 'PATCH';
      /** @default true */
      isActive?: boolean;
      payloadFilter?: {
        [key: string]: (string | number | boolean | null) | (string | number | boolean | null)[];
      } | null;
      rateLimitPerSecond?: number | null;
      retryCount?: number;
      retrySchedule?: number[] | null;
      secret?: string;
      /** @default 15 */
      timeoutSeconds?: number;
      /** Format: uri */
      url: string;
    };
    CreateWebhookMessageDto: {
      consumerId?: string;
      eventId?: string;
      eventType: string;
      payload: {
        [key: string]: unknown;
      };
    };
    DeprecateDto: {
      successorVersion?: string;
      /** Format: date-time */
      sunsetAt: string;
    };
    PolicySetDto: {
      auth?: {
        /** @default false */
        allowQueryKey?: boolean;
        /** @default false */
        requireSubscription?: boolean;
        /** @default [] */
        scopes?: string[];
        /**
         * @default apiKey
         * @enum {string}
         */
        type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
      };
      cache?: {
        /** @default false */
        perConsumer?: boolean;
        ttlSeconds: number;
        /** @default [] */
        vary?: string[];
      };
      circuitBreaker?: {
        /** @default 5 */
        consecutiveFailures?: number;
        /** @default 60000 */
        halfOpenAfterMs?: number;
      };
      cors?: {
        /** @default false */
        credentials?: boolean;
        /** @default [] */
        exposeHeaders?: string[];
        /** @default [] */
        headers?: string[];
        /** @default 600 */
        maxAgeSeconds?: number;
        /**
         * @default [
         *       "GET",
         *       "HEAD",
         *       "POST",
         *       "PUT",
         *       "PATCH",
         *       "DELETE"
         *     ]
         */
        methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
        origins: string[];
      };
      ipFilter?: {
        /** @default [] */
        allow?: string[];
        /** @default [] */
        deny?: string[];
      };
      quota?: {
        /**
         * @default month
         * @enum {string}
         */
        period?: 'day' | 'month';
        requests: number;
      };
      rateLimit?: {
        requests: number;
        /**
         * @default consumer
         * @enum {string}
         */
        scope?: 'consumer' | 'key' | 'ip' | 'route';
        windowSeconds: number;
      };
      requestSizeLimitBytes?: number;
      retry?: {
        /** @default 3 */
        maxAttempts?: number;
      };
      timeoutMs?: number;
      transform?: {
        request?: {
          headers?: {
            /** @default {} */
            add?: {
              [key: string]: string;
            };
            /** @default [] */
            remove?: string[];
            /** @default {} */
            rename?: {
              [key: string]: string;
            };
          };
          pathPrefix?: string;
        };
        response?: {
          headers?: {
            /** @default {} */
            add?: {
              [key: string]: string;
            };
            /** @default [] */
            remove?: string[];
            /** @default {} */
            rename?: {
              [key: string]: string;
            };
          };
        };
      };
      validateRequest?: boolean;
    };
    RecoverWebhookEndpointDto: {
      /** Format: date-time */
      since: string;
      /** Format: date-time */
      until?: string;
    };
    RejectConsumerDto: {
      reason: string;
    };
    RejectSubscriptionDto: {
      reason: string;
    };
    ResendWebhookMessageDto: {
      endpointId: string;
    };
    /** @default {} */
    RotateApiKeyDto: {
      /** @default 86400 */
      gracePeriodSeconds?: number;
    };
    RotateWebhookSecretDto: {
      /** @default 86400 */
      overlapSeconds?: number;
      secret?: string;
    };
    /** @default {} */
    SuspendConsumerDto: {
      reason?: string;
    };
    UpdateActionBody: {
      /** @default true */
      enabled?: boolean;
      eventType?: string;
      filter?: string;
      name?: string;
      steps?: {
        body?: string;
        cache?: {
          ttlSeconds: number;
        };
        connectionId: string;
        fallback?:
          | {
              /** @constant */
              type: 'default';
              value: unknown;
            }
          | {
              /** Format: uri */
              baseUrl: string;
              /** @constant */
              type: 'secondary';
            }
          | {
              /** @constant */
              type: 'ignore';
            };
        /** @default {} */
        headers?: {
          [key: string]: string;
        };
        /**
         * @default POST
         * @enum {string}
         */
        method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        name: string;
        path: string;
        /** @default {} */
        query?: {
          [key: string]: string;
        };
      }[];
    };
    UpdateAlertRuleDto: {
      enabled?: boolean;
      /** @enum {string} */
      metric?:
        | 'request_count'
        | 'error_count'
        | 'error_rate'
        | 'avg_latency_ms'
        | 'p95_latency_ms'
        | 'p99_latency_ms';
      name?: string;
      /** @enum {string} */
      operator?: 'gt' | 'gte' | 'lt' | 'lte';
      scope?: {
        apiId?: string;
        consumerId?: string;
        routeId?: string;
      };
      threshold?: number;
      windowMinutes?: number;
    };
    UpdateApiDto: {
      description?: string;
      owner?: string | null;
      tags?: string[];
      title?: string;
    };
    UpdateConnectionBody: {
      baseUrl?: string | null;
      credentials?: {
        [key: string]: string;
      };
      destination?: {
        schema: string;
        /** @default {} */
        streams?: {
          [key: string]: {
            /** @default true */
            enabled?: boolean;
            /**
             * @default append
             * @enum {string}
             */
            loadMode?: 'append' | 'replace' | 'upsert';
            table?: string;
          };
        };
      };
      enabled?: boolean;
      name?: string;
      schedule?: string | null;
    };
    UpdateConsumerDto: {
      contact?: {
        address?: string;
        company?: string;
        phone?: string;
        /** Format: uri */
        website?: string;
      };
      metadata?: {
        [key: string]: string;
      };
      name?: string;
      planId?: string | null;
    };
    UpdatePlanDto: {
      allowedApis?: string[] | null;
      autoApprove?: boolean;
      description?: string;
      isDefault?: boolean;
      name?: string;
      quotaPerMonth?: number | null;
      rateLimitPerMinute?: number | null;
      subscriptionApproval?: boolean;
    };
    UpdateRouteDto: {
      method?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS') | 'ANY';
      operationId?: string | null;
      /** Format: starts_with */
      path?: string;
      policies?: {
        auth?: {
          /** @default false */
          allowQueryKey?: boolean;
          /** @default false */
          requireSubscription?: boolean;
          /** @default [] */
          scopes?: string[];
          /**
           * @default apiKey
           * @enum {string}
           */
          type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
        };
        cache?: {
          /** @default false */
          perConsumer?: boolean;
          ttlSeconds: number;
          /** @default [] */
          vary?: string[];
        };
        circuitBreaker?: {
          /** @default 5 */
          consecutiveFailures?: number;
          /** @default 60000 */
          halfOpenAfterMs?: number;
        };
        cors?: {
          /** @default false */
          credentials?: boolean;
          /** @default [] */
          exposeHeaders?: string[];
          /** @default [] */
          headers?: string[];
          /** @default 600 */
          maxAgeSeconds?: number;
          /**
           * @default [
           *       "GET",
           *       "HEAD",
           *       "POST",
           *       "PUT",
           *       "PATCH",
           *       "DELETE"
           *     ]
           */
          methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
          origins: string[];
        };
        ipFilter?: {
          /** @default [] */
          allow?: string[];
          /** @default [] */
          deny?: string[];
        };
        quota?: {
          /**
           * @default month
           * @enum {string}
           */
          period?: 'day' | 'month';
          requests: number;
        };
        rateLimit?: {
          requests: number;
          /**
           * @default consumer
           * @enum {string}
           */
          scope?: 'consumer' | 'key' | 'ip' | 'route';
          windowSeconds: number;
        };
        requestSizeLimitBytes?: number;
        retry?: {
          /** @default 3 */
          maxAttempts?: number;
        };
        timeoutMs?: number;
        transform?: {
          request?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
            pathPrefix?: string;
          };
          response?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
          };
        };
        validateRequest?: boolean;
      };
      summary?: string | null;
    };
    UpdateTenantDto: {
      name?: string;
      selfSignup?: boolean;
      /** @enum {string} */
      status?: 'active' | 'suspended';
    };
    UpdateUserDto: {
      name?: string;
      /** @enum {string} */
      role?: 'admin' | 'user' | 'system' | 'auditor';
      /** @enum {string} */
      status?: 'active' | 'disabled';
    };
    UpdateVersionDto: {
      basePath?: string;
      policies?: {
        auth?: {
          /** @default false */
          allowQueryKey?: boolean;
          /** @default false */
          requireSubscription?: boolean;
          /** @default [] */
          scopes?: string[];
          /**
           * @default apiKey
           * @enum {string}
           */
          type?: 'none' | 'apiKey' | 'jwt' | 'oauth2';
        };
        cache?: {
          /** @default false */
          perConsumer?: boolean;
          ttlSeconds: number;
          /** @default [] */
          vary?: string[];
        };
        circuitBreaker?: {
          /** @default 5 */
          consecutiveFailures?: number;
          /** @default 60000 */
          halfOpenAfterMs?: number;
        };
        cors?: {
          /** @default false */
          credentials?: boolean;
          /** @default [] */
          exposeHeaders?: string[];
          /** @default [] */
          headers?: string[];
          /** @default 600 */
          maxAgeSeconds?: number;
          /**
           * @default [
           *       "GET",
           *       "HEAD",
           *       "POST",
           *       "PUT",
           *       "PATCH",
           *       "DELETE"
           *     ]
           */
          methods?: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS')[];
          origins: string[];
        };
        ipFilter?: {
          /** @default [] */
          allow?: string[];
          /** @default [] */
          deny?: string[];
        };
        quota?: {
          /**
           * @default month
           * @enum {string}
           */
          period?: 'day' | 'month';
          requests: number;
        };
        rateLimit?: {
          requests: number;
          /**
           * @default consumer
           * @enum {string}
           */
          scope?: 'consumer' | 'key' | 'ip' | 'route';
          windowSeconds: number;
        };
        requestSizeLimitBytes?: number;
        retry?: {
          /** @default 3 */
          maxAttempts?: number;
        };
        timeoutMs?: number;
        transform?: {
          request?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
            pathPrefix?: string;
          };
          response?: {
            headers?: {
              /** @default {} */
              add?: {
                [key: string]: string;
              };
              /** @default [] */
              remove?: string[];
              /** @default {} */
              rename?: {
                [key: string]: string;
              };
            };
          };
        };
        validateRequest?: boolean;
      };
      upstream?: {
        healthCheck?: {
          /** @default 30000 */
          intervalMs?: number;
          /**
           * Format: starts_with
           * @default /health
           */
          path?: string;
          /** @default 5000 */
          timeoutMs?: number;
          /** @default 3 */
          unhealthyThreshold?: number;
        };
        /**
         * @default round-robin
         * @enum {string}
         */
        loadBalancing?: 'round-robin' | 'least-connections' | 'weighted';
        service?: string;
        targets?: {
          /** Format: uri */
          url: string;
          /** @default 100 */
          weight?: number;
        }[];
      };
    };
    UpdateWebhookEndpointDto: {
      description?: string;
      eventTypes?: string[];
      headers?: {
        [key: string]: string;
      };
      /** @enum {string} */
      httpMethod?: 'POST' | 'PUT' | 'PATCH';
      isActive?: boolean;
      payloadFilter?: {
        [key: string]: (string | number | boolean | null) | (string | number | boolean | null)[];
      } | null;
      rateLimitPerSecond?: number | null;
      retryCount?: number;
      retrySchedule?: number[] | null;
      timeoutSeconds?: number;
      /** Format: uri */
      url?: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  WellKnownController_jwks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  WellKnownController_metadata: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alert rules, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              createdAt: string;
              enabled: boolean;
              id: string;
              lastEvaluatedAt: string | null;
              lastValue: number | null;
              /** @enum {string} */
              metric:
                | 'request_count'
                | 'error_count'
                | 'error_rate'
                | 'avg_latency_ms'
                | 'p95_latency_ms'
                | 'p99_latency_ms';
              name: string;
              /** @enum {string} */
              operator: 'gt' | 'gte' | 'lt' | 'lte';
              scope: {
                apiId?: string;
                consumerId?: string;
                routeId?: string;
              };
              /** @enum {string} */
              state: 'ok' | 'firing';
              stateChangedAt: string | null;
              threshold: number;
              updatedAt: string;
              windowMinutes: number;
            }[];
            pagination?: {
              limit?: number;
              page?: number;
              total?: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
    };
  };
  AlertsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAlertRuleDto'];
      };
    };
    responses: {
      /** @description The rule. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              createdAt: string;
              enabled: boolean;
              id: string;
              lastEvaluatedAt: string | null;
              lastValue: number | null;
              /** @enum {string} */
              metric:
                | 'request_count'
                | 'error_count'
                | 'error_rate'
                | 'avg_latency_ms'
                | 'p95_latency_ms'
                | 'p99_latency_ms';
              name: string;
              /** @enum {string} */
              operator: 'gt' | 'gte' | 'lt' | 'lte';
              scope: {
                apiId?: string;
                consumerId?: string;
                routeId?: string;
              };
              /** @enum {string} */
              state: 'ok' | 'firing';
              stateChangedAt: string | null;
              threshold: number;
              updatedAt: string;
              windowMinutes: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
    };
  };
  AlertsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              createdAt: string;
              enabled: boolean;
              id: string;
              lastEvaluatedAt: string | null;
              lastValue: number | null;
              /** @enum {string} */
              metric:
                | 'request_count'
                | 'error_count'
                | 'error_rate'
                | 'avg_latency_ms'
                | 'p95_latency_ms'
                | 'p99_latency_ms';
              name: string;
              /** @enum {string} */
              operator: 'gt' | 'gte' | 'lt' | 'lte';
              scope: {
                apiId?: string;
                consumerId?: string;
                routeId?: string;
              };
              /** @enum {string} */
              state: 'ok' | 'firing';
              stateChangedAt: string | null;
              threshold: number;
              updatedAt: string;
              windowMinutes: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
      /** @description No such rule in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such rule in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAlertRuleDto'];
      };
    };
    responses: {
      /** @description The rule. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              createdAt: string;
              enabled: boolean;
              id: string;
              lastEvaluatedAt: string | null;
              lastValue: number | null;
              /** @enum {string} */
              metric:
                | 'request_count'
                | 'error_count'
                | 'error_rate'
                | 'avg_latency_ms'
                | 'p95_latency_ms'
                | 'p99_latency_ms';
              name: string;
              /** @enum {string} */
              operator: 'gt' | 'gte' | 'lt' | 'lte';
              scope: {
                apiId?: string;
                consumerId?: string;
                routeId?: string;
              };
              /** @enum {string} */
              state: 'ok' | 'firing';
              stateChangedAt: string | null;
              threshold: number;
              updatedAt: string;
              windowMinutes: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
      /** @description No such rule in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_api: {
    parameters: {
      query?: {
        timeRange?: '15m' | '1h' | '24h' | '7d' | '30d';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API report. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              apiId: string;
              apiName: string | null;
              errors: {
                rate: number;
                topErrors: {
                  count: number;
                  error: string;
                }[];
              };
              /** @enum {string} */
              health: 'HEALTHY' | 'WARNING' | 'CRITICAL' | 'ERROR';
              requests: {
                avgResponseTime: number;
                failed: number;
                p50: number;
                p95: number;
                p99: number;
                successful: number;
                total: number;
              };
              routes: {
                avgResponseTime: number;
                calls: number;
                errorRate: number;
                method: string;
                p95: number;
                pathTemplate: string | null;
                routeId: string | null;
              }[];
              series: {
                errors: number;
                p95: number;
                requests: number;
                t: string;
              }[];
              /** @enum {string} */
              timeRange: '15m' | '1h' | '24h' | '7d' | '30d';
              usage: {
                endpoints: {
                  calls: number;
                  path: string;
                }[];
                users: {
                  calls: number;
                  userId: string;
                }[];
              };
              versions: {
                calls: number;
                version: string | null;
              }[];
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
      /** @description No traffic of this API was ever recorded in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_report: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The health report. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              apis: {
                apiId: string;
                apiName: string | null;
                avgResponseTimeMs: number;
                errorRate: number;
                requests: number;
                routes: {
                  avgResponseTimeMs: number;
                  errorRate: number;
                  method: string;
                  pathTemplate: string | null;
                  requests: number;
                  routeId: string | null;
                  /** @enum {string} */
                  status: 'HEALTHY' | 'WARNING' | 'CRITICAL' | 'ERROR';
                }[];
                /** @enum {string} */
                status: 'HEALTHY' | 'WARNING' | 'CRITICAL' | 'ERROR';
                tenantId: string;
              }[];
              windowEnd: string;
              windowStart: string;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
    };
  };
  UsageController_list: {
    parameters: {
      query?: {
        consumer?: string;
        format?: 'json' | 'csv';
        limit?: number;
        page?: number;
        period?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Usage rows, most requests first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              bytesIn: number;
              bytesOut: number;
              consumerId: string;
              failed: number;
              period: string;
              planId: string | null;
              quotaPerMonth: number | null;
              quotaUsed: number | null;
              requests: number;
              successful: number;
            }[];
            pagination?: {
              limit?: number;
              page?: number;
              total?: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
          'text/csv': {
            data?: {
              bytesIn: number;
              bytesOut: number;
              consumerId: string;
              failed: number;
              period: string;
              planId: string | null;
              quotaPerMonth: number | null;
              quotaUsed: number | null;
              requests: number;
              successful: number;
            }[];
            pagination?: {
              limit?: number;
              page?: number;
              total?: number;
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
    };
  };
  ApisController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
        search?: string;
        status?: 'draft' | 'published' | 'deprecated' | 'retired';
        tag?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiDto'];
      };
    };
    responses: {
      /** @description Created; emits registry.api.created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description An API with this name exists in the tenant. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No such API in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A version is still live. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApisController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateApiDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
        status?: 'draft' | 'published' | 'deprecated' | 'retired';
      };
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateVersionDto'];
      };
    };
    responses: {
      /** @description Created as draft; emits registry.version.created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateVersionDto'];
      };
    };
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_deprecate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DeprecateDto'];
      };
    };
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_openapi: {
    parameters: {
      query?: {
        format?: 'json' | 'yaml';
      };
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No such version, or it was not imported from OpenAPI. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_policies: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_setPolicies: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PolicySetDto'];
      };
    };
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_publish: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  VersionsController_retire: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Not allowed in the current state; the error names the allowed next states. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRouteDto'];
      };
    };
    responses: {
      /** @description A route matches the same requests, or the version is retired. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        route: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        route: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        route: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRouteDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_policies: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        route: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutesController_setPolicies: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description API id (api_…) or name */
        api: string;
        route: string;
        /** @description Version (v1, 1.2.0) or id (ver_…) */
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PolicySetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OpenApiImportController_import: {
    parameters: {
      query?: {
        basePath?: string;
        name?: string;
        upstreamService?: string;
        upstreamUrl?: string;
        version?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An OpenAPI 3.0.x or 3.1.x document */
    requestBody: {
      content: {
        'application/json': Record<string, never>;
        'application/x-yaml': Record<string, never>;
        'application/yaml': Record<string, never>;
        'text/x-yaml': Record<string, never>;
        'text/yaml': Record<string, never>;
      };
    };
    responses: {
      /** @description Malformed, invalid or unsupported document. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The version is retired, or its basePath is fixed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        actor?: string;
        entity?: string;
        limit?: number;
        page?: number;
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConnectionBody'];
      };
    };
    responses: {
      /** @description Created (success envelope) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CONFLICT: a run is in progress, a name is taken, or the entity is in use */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConnectionBody'];
      };
    };
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_check: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_errorHistory: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_health: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_trigger: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted: the run is queued (success envelope) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CONFLICT: a run is in progress, a name is taken, or the entity is in use */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        runId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateActionBody'];
      };
    };
    responses: {
      /** @description Created (success envelope) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        actionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        actionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        actionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateActionBody'];
      };
    };
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ActionsController_invocations: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        actionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConnectorDefinitionBody'];
      };
    };
    responses: {
      /** @description Created (success envelope) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CONFLICT: a run is in progress, a name is taken, or the entity is in use */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConnectorDefinitionBody'];
      };
    };
    responses: {
      /** @description OK (success envelope) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_ERROR: the body, a definition, a URL (egress) or a destination table is not acceptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CONFLICT: a run is in progress, a name is taken, or the entity is in use */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHORIZED: no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description FORBIDDEN: the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_FOUND: no such entity in the caller's tenant */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CONFLICT: a run is in progress, a name is taken, or the entity is in use */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DefinitionsController_schema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
        status?: 'pending' | 'approved' | 'rejected' | 'suspended';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConsumerDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConsumerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApproveConsumerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumerKeysController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumerKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumerKeysController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumerKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumerKeysController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
        keyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthClientsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthClientsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateOAuthClientDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthClientsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthClientsController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_reject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectConsumerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_listForConsumer: {
    parameters: {
      query?: {
        apiId?: string;
        consumerId?: string;
        limit?: number;
        page?: number;
        status?: 'pending' | 'approved' | 'rejected' | 'cancelled';
      };
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSubscriptionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_suspend: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        consumerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SuspendConsumerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConsumersController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocsController_document: {
    parameters: {
      query?: {
        format?: 'json' | 'yaml' | 'html';
        version?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unknown format or malformed version. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocsController_apiDocument: {
    parameters: {
      query?: {
        format?: 'json' | 'yaml' | 'html';
      };
      header?: never;
      path: {
        /** @description API name */
        name: string;
        /** @description Published version, e.g. v1 */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No such published (or deprecated) version. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DocsController_asset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        file: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Not one of the page assets. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CacheController_purge: {
    parameters: {
      query?: {
        api?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StatusController_health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `status` is healthy, degraded or down. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyKeysController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyKeysController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyKeysController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MetricsController_get: {
    parameters: {
      query?: {
        /** @description API id */
        api?: string;
        /** @description Consumer id */
        consumer?: string;
        /** @description API name (as published in the registry) */
        service?: string;
        timeRange?: '15m' | '1h' | '24h' | '7d' | '30d';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The metrics report. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data?: {
              errors: {
                rate: number;
                topErrors: {
                  count: number;
                  error: string;
                }[];
              };
              requests: {
                avgResponseTime: number;
                failed: number;
                p50: number;
                p95: number;
                p99: number;
                successful: number;
                total: number;
              };
              series: {
                errors: number;
                p95: number;
                requests: number;
                t: string;
              }[];
              usage: {
                endpoints: {
                  calls: number;
                  path: string;
                }[];
                users: {
                  calls: number;
                  userId: string;
                }[];
              };
            };
            /** @enum {string} */
            status?: 'success';
            /** Format: date-time */
            timestamp?: string;
          };
        };
      };
    };
  };
  SigningKeysController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SigningKeysController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlansController_list: {
    parameters: {
      query?: {
        includeArchived?: 'true' | 'false';
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlansController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePlanDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlansController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlansController_archive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PlansController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePlanDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RouteTableController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SdkController_list: {
    parameters: {
      query?: {
        language?: 'typescript';
        version?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unknown language. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SdkController_download: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        language: 'typescript';
        /** @description The version listed by GET /api/v1/sdk */
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No SDK of this language and version. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ServicesCatalogueController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SignUpController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConsumerSignUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StatusController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The cached result of the latest probes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_list: {
    parameters: {
      query?: {
        apiId?: string;
        consumerId?: string;
        limit?: number;
        page?: number;
        status?: 'pending' | 'approved' | 'rejected' | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SubscriptionsController_reject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscriptionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectSubscriptionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TenantsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TenantsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTenantDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TenantsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TenantsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTenantDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UserKeysController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UserKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UserKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  UsersController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_deadLetters: {
    parameters: {
      query?: {
        endpointId?: string;
        limit?: number;
        page?: number;
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_list: {
    parameters: {
      query?: {
        limit?: number;
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookEndpointDto'];
      };
    };
    responses: {
      /** @description Created; `secret` is included. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input or a refused URL. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No such endpoint in your tenant. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWebhookEndpointDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_recover: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecoverWebhookEndpointDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_secret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EndpointsController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateWebhookSecretDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EventTypesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_list: {
    parameters: {
      query?: {
        endpointId?: string;
        eventType?: string;
        limit?: number;
        page?: number;
        since?: string;
        status?: 'pending' | 'succeeded' | 'failed';
        until?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_publish: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookMessageDto'];
      };
    };
    responses: {
      /** @description The message this key or eventId already created. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Created and queued. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Idempotency-Key reused with a different body. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_attempts: {
    parameters: {
      query?: {
        endpointId?: string;
        limit?: number;
        page?: number;
        status?: 'succeeded' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MessagesController_resend: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResendWebhookMessageDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthController_introspect: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/x-www-form-urlencoded': Record<string, never>;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/x-www-form-urlencoded': Record<string, never>;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OAuthController_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/x-www-form-urlencoded': Record<string, never>;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_analytics_alert_resolved: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            alertId: string;
            metric: string;
            name: string;
            scope: {
              [key: string]: string;
            };
            threshold: number;
            value: number;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'analytics.alert.resolved';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_analytics_alert_triggered: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            alertId: string;
            metric: string;
            name: string;
            scope: {
              [key: string]: string;
            };
            threshold: number;
            value: number;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'analytics.alert.triggered';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_analytics_usage_threshold_reached: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            period: string;
            planId: string | null;
            quota: number;
            threshold: number;
            used: number;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'analytics.usage.threshold_reached';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_connector_run_completed: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            connectionId: string;
            durationMs: number;
            recordsRead: number;
            recordsWritten: number;
            runId: string;
            /** @enum {string} */
            trigger: 'manual' | 'schedule' | 'resume';
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'connector.run.completed';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_connector_run_failed: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            connectionId: string;
            error: string;
            recordsWritten: number;
            runId: string;
            /** @enum {string} */
            trigger: 'manual' | 'schedule' | 'resume';
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'connector.run.failed';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_connector_run_started: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            connectionId: string;
            runId: string;
            /** @enum {string} */
            trigger: 'manual' | 'schedule' | 'resume';
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'connector.run.started';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_approved: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            email?: string;
            name: string;
            previousStatus?: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.approved';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            email?: string;
            name: string;
            status: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_key_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            keyId: string;
            prefix: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.key.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_key_revoked: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            keyId: string;
            prefix: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.key.revoked';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_key_rotated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            graceUntil: string;
            keyId: string;
            newKeyId: string;
            prefix: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.key.rotated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_oauth_client_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            clientId: string;
            consumerId: string;
            name: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.oauth_client.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_oauth_client_revoked: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            clientId: string;
            consumerId: string;
            name: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.oauth_client.revoked';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_plan_archived: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            name: string;
            planId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.plan.archived';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_plan_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            name: string;
            planId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.plan.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_plan_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            changes: string[];
            name: string;
            planId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.plan.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_rejected: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            email?: string;
            name: string;
            reason: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.rejected';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_subscription_approved: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            apiVersionId: string;
            consumerId: string;
            planId: string;
            subscriptionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.subscription.approved';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_subscription_cancelled: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            apiVersionId: string;
            consumerId: string;
            planId: string;
            subscriptionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.subscription.cancelled';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_subscription_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            apiVersionId: string;
            consumerId: string;
            planId: string;
            status: string;
            subscriptionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.subscription.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_subscription_rejected: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            apiVersionId: string;
            consumerId: string;
            planId: string;
            reason: string;
            subscriptionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.subscription.rejected';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_suspended: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            consumerId: string;
            email?: string;
            name: string;
            reason?: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.suspended';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_tenant_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            name: string;
            slug: string;
            tenantId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.tenant.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_tenant_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            changes: string[];
            name: string;
            status: string;
            tenantId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.tenant.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_token_revoked: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            clientId: string;
            expiresAt: string;
            jti: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.token.revoked';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            changes: string[];
            consumerId: string;
            email?: string;
            name: string;
            planId: string | null;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_user_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            email: string;
            role: string;
            status: string;
            userId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.user.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_user_key_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            keyId: string;
            prefix: string;
            userId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.user.key.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_user_key_revoked: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            keyId: string;
            prefix: string;
            userId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.user.key.revoked';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_user_key_rotated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            graceUntil: string;
            keyId: string;
            newKeyId: string;
            prefix: string;
            userId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.user.key.rotated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_consumer_user_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            changes: string[];
            email: string;
            role: string;
            status: string;
            userId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'consumer.user.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_api_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            title: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.api.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_api_deleted: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.api.deleted';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_api_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            changes: string[];
            name: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.api.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_route_changed: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            routeIds: string[];
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.route.changed';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_created: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.created';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_deleted: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.deleted';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_deprecated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            successorVersion: string | null;
            sunsetAt: string;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.deprecated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_published: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            basePath: string;
            name: string;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.published';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_retired: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            name: string;
            successorVersion: string | null;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.retired';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_registry_version_updated: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            apiId: string;
            changes: string[];
            name: string;
            version: string;
            versionId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'registry.version.updated';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_webhook_endpoint_disabled: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            endpointId: string;
            reason: string;
            url: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'webhook.endpoint.disabled';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  event_webhook_message_exhausted: {
    parameters: {
      query?: never;
      header: {
        /** @description The message id (ULID); the same on every retry, so receivers dedupe on it. */
        'webhook-id': string;
        /** @description Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per live secret. */
        'webhook-signature': string;
        /** @description Seconds since the epoch when this attempt was signed. */
        'webhook-timestamp': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            attempts: number;
            endpointId: string;
            eventType: string;
            messageId: string;
          };
          /**
           * Format: date-time
           * @description When the event occurred.
           */
          timestamp: string;
          /** @constant */
          type: 'webhook.message.exhausted';
        };
      };
    };
    responses: {
      /** @description Delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and receives nothing more. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Any other answer (or none in time) is retried with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
