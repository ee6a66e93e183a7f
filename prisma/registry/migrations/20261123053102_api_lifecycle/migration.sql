-- CreateTable
CREATE TABLE "registry_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "registry_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apis" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "owner" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_versions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "api_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "base_path" TEXT NOT NULL,
    "upstream" JSONB NOT NULL,
    "policies" JSONB NOT NULL DEFAULT '{}',
    "openapi" JSON,
    "published_at" TIMESTAMPTZ(3),
    "deprecated_at" TIMESTAMPTZ(3),
    "sunset_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "successor_version" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routes" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "path_key" TEXT NOT NULL,
    "operation_id" TEXT,
    "summary" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '[]',
    "policies" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "api_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "revision" BIGINT NOT NULL,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "apis_tenant_id_id_idx" ON "apis"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "apis_tags_idx" ON "apis" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "apis_tenant_id_name_key" ON "apis"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "api_versions_tenant_id_api_id_status_idx" ON "api_versions"("tenant_id", "api_id", "status");

-- CreateIndex
CREATE INDEX "api_versions_status_idx" ON "api_versions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "api_versions_api_id_version_key" ON "api_versions"("api_id", "version");

-- CreateIndex
CREATE INDEX "routes_tenant_id_version_id_idx" ON "routes"("tenant_id", "version_id");

-- CreateIndex
CREATE UNIQUE INDEX "routes_version_id_method_path_key_key" ON "routes"("version_id", "method", "path_key");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_id_idx" ON "audit_entries"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_entity_id_id_idx" ON "audit_entries"("tenant_id", "entity_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_api_id_id_idx" ON "audit_entries"("tenant_id", "api_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_actor_id_id_idx" ON "audit_entries"("tenant_id", "actor_id", "id");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_entity_type_id_idx" ON "audit_entries"("tenant_id", "entity_type", "id");

-- AddForeignKey
ALTER TABLE "api_versions" ADD CONSTRAINT "api_versions_api_id_fkey" FOREIGN KEY ("api_id") REFERENCES "apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "api_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
