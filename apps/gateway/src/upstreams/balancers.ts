/**
 * Load-balancing strategies. Each picks one of `items` for which `usable` is true, or null. They run
 * on every request, so they allocate nothing: state lives on the items (in-flight count, current
 * weight) and in the balancer (a cursor).
 */
export interface Balanceable {
  /** Relative weight (weighted strategy only), >= 1. */
  weight: number;
  /** Requests in flight on this item (least-connections). */
  inFlight: number;
  /** Smooth weighted round-robin state (weighted strategy). */
  currentWeight: number;
}

export type LoadBalancing = 'round-robin' | 'least-connections' | 'weighted';

export interface Balancer<T extends Balanceable> {
  pick(items: readonly T[], usable: (item: T) => boolean): T | null;
}

export class RoundRobinBalancer<T extends Balanceable> implements Balancer<T> {
  private next = 0;

  pick(items: readonly T[], usable: (item: T) => boolean): T | null {
    const n = items.length;
    for (let i = 0; i < n; i++) {
      const idx = (this.next + i) % n;
      const item = items[idx];
      if (usable(item)) {
        this.next = (idx + 1) % n;
        return item;
      }
    }
    return null;
  }
}

/**
 * Fewest requests in flight wins. Ties are broken by a rotating start, so equally loaded items
 * (the common idle case) share the traffic instead of the first one taking it all.
 */
export class LeastConnectionsBalancer<T extends Balanceable> implements Balancer<T> {
  private start = 0;

  pick(items: readonly T[], usable: (item: T) => boolean): T | null {
    const n = items.length;
    if (n === 0) return null;
    const start = this.start % n;
    this.start = start + 1;
    let best: T | null = null;
    for (let i = 0; i < n; i++) {
      const item = items[(start + i) % n];
      if ((best === null || item.inFlight < best.inFlight) && usable(item)) best = item;
    }
    return best;
  }
}

/**
 * nginx's smooth weighted round-robin: each pick adds every usable item's weight to its current
 * weight, takes the largest and subtracts the total from it. Weights 5:1:1 give a a b a c a a rather
 * than a a a a a b c, and skipped (unusable) items keep their state.
 */
export class WeightedBalancer<T extends Balanceable> implements Balancer<T> {
  pick(items: readonly T[], usable: (item: T) => boolean): T | null {
    let best: T | null = null;
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!usable(item)) continue;
      item.currentWeight += item.weight;
      total += item.weight;
      if (best === null || item.currentWeight > best.currentWeight) best = item;
    }
    if (best !== null) best.currentWeight -= total;
    return best;
  }
}

export function createBalancer<T extends Balanceable>(strategy: LoadBalancing): Balancer<T> {
  switch (strategy) {
    case 'least-connections':
      return new LeastConnectionsBalancer<T>();
    case 'weighted':
      return new WeightedBalancer<T>();
    case 'round-robin':
      return new RoundRobinBalancer<T>();
  }
}
