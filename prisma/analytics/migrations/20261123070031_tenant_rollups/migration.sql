-- Hand-edited after `pnpm db new`: PARTITION BY RANGE added (see the traffic_rollups_alerts
-- migration); the analytics service creates and drops the partitions.

-- CreateTable
CREATE TABLE "tenant_rollup_minute" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "tenant_rollup_minute_pkey" PRIMARY KEY ("tenant_id","bucket")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "tenant_rollup_hour" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "tenant_rollup_hour_pkey" PRIMARY KEY ("tenant_id","bucket")
) PARTITION BY RANGE ("bucket");

-- CreateTable
CREATE TABLE "tenant_rollup_day" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "latency_sum" DOUBLE PRECISION NOT NULL,
    "latency_min" DOUBLE PRECISION NOT NULL,
    "latency_max" DOUBLE PRECISION NOT NULL,
    "sketch" BYTEA NOT NULL,

    CONSTRAINT "tenant_rollup_day_pkey" PRIMARY KEY ("tenant_id","bucket")
) PARTITION BY RANGE ("bucket");
