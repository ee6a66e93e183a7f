import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Paginated, success, successList } from '@portico/contracts';
import { type Observable, map } from 'rxjs';

const RAW = 'portico:raw-response';

/**
 * Marks a handler whose return value is sent as is (health, metrics, OAuth endpoints, CSV, files):
 * everything else is wrapped in the success envelope.
 */
export const RawResponse = () => SetMetadata(RAW, true);

@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (raw || context.getType() !== 'http') return next.handle();
    return next.handle().pipe(
      map((value: unknown) => {
        if (value instanceof Paginated) return successList(value.items, value.pagination);
        if (value === undefined) return value;
        return success(value);
      }),
    );
  }
}
