import { Injectable } from '@nestjs/common';
import type { AnalyticsUsageRow } from '@portico/contracts';
import { AnalyticsDb } from '../shared/database';

interface UsageRecord {
  consumer_id: string;
  period: string;
  requests: number;
  errors: number;
  bytes_in: number;
  bytes_out: number;
  plan_id: string | null;
  quota_per_month: number | null;
}

@Injectable()
export class UsageRepository {
  constructor(private readonly db: AnalyticsDb) {}

  async page(
    tenantId: string,
    period: string,
    consumerId: string | undefined,
    page: { skip: number; take: number } | null,
  ): Promise<{ rows: AnalyticsUsageRow[]; total: number }> {
    const params: unknown[] = [tenantId, period, consumerId ?? null];
    const where = 'tenant_id = $1 AND period = $2 AND ($3::text IS NULL OR consumer_id = $3)';
    const limit = page ? `LIMIT ${page.take} OFFSET ${page.skip}` : '';
    const [records, count] = await Promise.all([
      this.db.query<UsageRecord>(
        `SELECT consumer_id, period, requests, errors, bytes_in, bytes_out, plan_id, quota_per_month
         FROM consumer_usage WHERE ${where} ORDER BY requests DESC, consumer_id ${limit}`,
        params,
      ),
      this.db.query<{ total: number }>(
        `SELECT count(*) AS total FROM consumer_usage WHERE ${where}`,
        params,
      ),
    ]);
    return {
      total: count[0]?.total ?? 0,
      rows: records.map((r) => ({
        consumerId: r.consumer_id,
        period: r.period,
        requests: r.requests,
        successful: r.requests - r.errors,
        failed: r.errors,
        bytesIn: r.bytes_in,
        bytesOut: r.bytes_out,
        planId: r.plan_id,
        quotaPerMonth: r.quota_per_month,
        quotaUsed: r.quota_per_month
          ? Math.round((r.requests / r.quota_per_month) * 1e6) / 1e6
          : null,
      })),
    };
  }
}
