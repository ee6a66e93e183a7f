-- CreateTable
CREATE TABLE "connector_definitions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "manifest" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connector_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connections" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "base_url" TEXT,
    "credentials" TEXT,
    "credential_fields" TEXT[],
    "destination_schema" TEXT,
    "streams" JSONB NOT NULL,
    "schedule" TEXT,
    "next_run_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "active_run_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "destination_schemas" (
    "schema_name" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "destination_schemas_pkey" PRIMARY KEY ("schema_name")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "stats" JSONB NOT NULL DEFAULT '{}',
    "records_read" INTEGER NOT NULL DEFAULT 0,
    "records_written" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_states" (
    "connection_id" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "cursor" TEXT,
    "resume" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_states_pkey" PRIMARY KEY ("connection_id","stream")
);

-- CreateTable
CREATE TABLE "connector_errors" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "run_id" TEXT,
    "action_id" TEXT,
    "stream" TEXT,
    "page" TEXT,
    "http_status" INTEGER,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connector_errors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "filter" TEXT,
    "steps" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_invocations" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "action_invocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_attempts" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "invocation_id" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "endpoint" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status_code" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_cache" (
    "tenant_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "action_cache_pkey" PRIMARY KEY ("tenant_id","key")
);

-- CreateIndex
CREATE INDEX "connector_definitions_tenant_id_created_at_idx" ON "connector_definitions"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "connector_definitions_tenant_id_name_key" ON "connector_definitions"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "connections_active_run_id_key" ON "connections"("active_run_id");

-- CreateIndex
CREATE INDEX "connections_tenant_id_created_at_idx" ON "connections"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "connections_next_run_at_idx" ON "connections"("next_run_at");

-- CreateIndex
CREATE INDEX "runs_tenant_id_connection_id_created_at_idx" ON "runs"("tenant_id", "connection_id", "created_at");

-- CreateIndex
CREATE INDEX "runs_status_lease_expires_at_idx" ON "runs"("status", "lease_expires_at");

-- CreateIndex
CREATE INDEX "connector_errors_tenant_id_connection_id_created_at_idx" ON "connector_errors"("tenant_id", "connection_id", "created_at");

-- CreateIndex
CREATE INDEX "actions_tenant_id_created_at_idx" ON "actions"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "actions_tenant_id_enabled_idx" ON "actions"("tenant_id", "enabled");

-- CreateIndex
CREATE INDEX "action_invocations_tenant_id_action_id_started_at_idx" ON "action_invocations"("tenant_id", "action_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "action_invocations_action_id_event_id_key" ON "action_invocations"("action_id", "event_id");

-- CreateIndex
CREATE INDEX "action_attempts_invocation_id_created_at_idx" ON "action_attempts"("invocation_id", "created_at");

-- CreateIndex
CREATE INDEX "action_cache_expires_at_idx" ON "action_cache"("expires_at");

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_definition_id_fkey" FOREIGN KEY ("definition_id") REFERENCES "connector_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_errors" ADD CONSTRAINT "connector_errors_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_invocations" ADD CONSTRAINT "action_invocations_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_attempts" ADD CONSTRAINT "action_attempts_invocation_id_fkey" FOREIGN KEY ("invocation_id") REFERENCES "action_invocations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
