-- Hand-edited after `pnpm db new`: raw_events, rollup_* and error_* are declaratively partitioned
-- by time (PARTITION BY RANGE, added below; Prisma cannot declare it and its drift check ignores
-- partitions). The partitions are created ahead and dropped for retention by the analytics service
-- (apps/analytics/src/storage/partitions.ts), never by migrations.

-- CreateTable
CREATE TABLE "raw_events" (
    "time" TIMESTAMPTZ(3) NOT NULL,
    "request_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT,
    "api_name" TEXT,
    "version" TEXT,
    "route_id" TEXT,
    "method" TEXT NOT NULL,
    "path_template" TEXT,
    "path" TEXT NOT NULL,
    "status" SMALLINT NOT NULL,
    "upstream_instance" TEXT,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "upstream_latency_ms" DOUBLE PRECISION,
    "gateway_latency_ms" DOUBLE PRECISION NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "consumer_id" TEXT,
    "key_id" TEXT,
    "plan_id" TEXT,
    "quota_per_month" INTEGER,
    "client_ip" TEXT,
    "error_code" TEXT,
    "cache_status" TEXT,

    CONSTRAINT "raw_events_pkey" PRIMARY KEY ("time","request_id")
) PARTITION BY RANGE ("time");

-- CreateTable
CREATE TABLE "rollup_minute" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "route_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "api_name" TEXT,
    "path_template" TEXT,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "rollup_minute_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","version","route_id","method","consumer_id","status_class")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "rollup_hour" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "route_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "api_name" TEXT,
    "path_template" TEXT,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "rollup_hour_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","version","route_id","method","consumer_id","status_class")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "rollup_day" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "route_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status_class" SMALLINT NOT NULL,
    "api_name" TEXT,
    "path_template" TEXT,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "rollup_day_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","version","route_id","method","consumer_id","status_class")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "error_minute" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status" SMALLINT NOT NULL,
    "error_code" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "error_minute_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","consumer_id","status","error_code")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "error_hour" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status" SMALLINT NOT NULL,
    "error_code" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "error_hour_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","consumer_id","status","error_code")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "error_day" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "status" SMALLINT NOT NULL,
    "error_code" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "error_day_pkey" PRIMARY KEY ("tenant_id","bucket","api_id","consumer_id","status","error_code")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "rollup_state" (
    "level" TEXT NOT NULL,
    "sealed_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rollup_state_pkey" PRIMARY KEY ("level")
);

-- CreateTable
CREATE TABLE "consumer_usage" (
    "tenant_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "consumer_id" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "bytes_in" BIGINT NOT NULL,
    "bytes_out" BIGINT NOT NULL,
    "plan_id" TEXT,
    "quota_per_month" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consumer_usage_pkey" PRIMARY KEY ("tenant_id","period","consumer_id")
);

-- CreateTable
CREATE TABLE "api_catalog" (
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "api_name" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_catalog_pkey" PRIMARY KEY ("tenant_id","api_id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "window_minutes" INTEGER NOT NULL,
    "scope" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ok',
    "last_value" DOUBLE PRECISION,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "state_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rollup_minute_bucket_idx" ON "rollup_minute"("bucket");

-- CreateIndex
CREATE INDEX "api_catalog_tenant_id_api_name_idx" ON "api_catalog"("tenant_id", "api_name");

-- CreateIndex
CREATE INDEX "alert_rules_tenant_id_created_at_idx" ON "alert_rules"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "alert_rules_enabled_idx" ON "alert_rules"("enabled");

-- Hand-added: the sealing watermarks start at the epoch (nothing sealed yet).
INSERT INTO "rollup_state" ("level", "sealed_until") VALUES ('hour', '1970-01-01T00:00:00Z'), ('day', '1970-01-01T00:00:00Z');
