export { EgressGuard, EgressRefusedError, type EgressRefusal } from './egress-guard';
