import {
  PARTITIONED_TABLES,
  parsePartitionName,
  partitionFor,
  partitionsBetween,
} from './partitions';

const table = (name: string) => PARTITIONED_TABLES.find((t) => t.name === name)!;

describe('partitions', () => {
  it('cuts days, months and years in UTC', () => {
    const t = Date.parse('2026-12-31T23:59:59.999Z');
    expect(partitionFor(table('raw_events'), t)).toEqual({
      name: 'raw_events_p20261231',
      from: Date.parse('2026-12-31T00:00:00Z'),
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
    expect(partitionFor(table('rollup_hour'), t).name).toBe('rollup_hour_p202612');
    expect(partitionFor(table('rollup_hour'), t).to).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(partitionFor(table('rollup_day'), t)).toMatchObject({
      name: 'rollup_day_p2026',
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
  });

  it('lists the partitions covering a range, both ends included', () => {
    const names = partitionsBetween(
      table('rollup_minute'),
      Date.parse('2026-02-27T10:00:00Z'),
      Date.parse('2026-03-01T00:00:00Z'),
    ).map((p) => p.name);
    expect(names).toEqual([
      'rollup_minute_p20260227',
      'rollup_minute_p20260228',
      'rollup_minute_p20260301',
    ]);
  });

  it('parses only the names it creates', () => {
    expect(parsePartitionName(table('raw_events'), 'raw_events_p20261123')?.from).toBe(
      Date.parse('2026-11-23T00:00:00Z'),
    );
    expect(parsePartitionName(table('rollup_hour'), 'rollup_hour_p202611')?.to).toBe(
      Date.parse('2026-12-01T00:00:00Z'),
    );
    expect(parsePartitionName(table('raw_events'), 'raw_events_p202611')).toBeNull();
    expect(parsePartitionName(table('raw_events'), 'raw_events_default')).toBeNull();
    expect(parsePartitionName(table('raw_events'), 'raw_events_p20261341')).toBeNull();
  });
});
