import { Injectable } from '@nestjs/common';
import {
  type CreateUser,
  newId,
  Paginated,
  type PageQuery,
  PorticoError,
  type UpdateUser,
  type UserRole,
  type UserView,
} from '@portico/contracts';
import type { AccessScope } from '../common/access-scope';
import { isUniqueViolation, type Tx } from '../common/database';
import { type Emit, Outbox } from '../common/outbox.service';
import type { User } from '../generated/prisma/client';
import { UsersRepository } from './users.repository';

export function userView(u: User): UserView {
  return {
    id: u.id,
    tenantId: u.tenantId,
    email: u.email,
    name: u.name,
    role: u.role as UserRole,
    status: u.status as 'active' | 'disabled',
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly outbox: Outbox,
  ) {}

  async createInTx(tx: Tx, emit: Emit, tenantId: string, dto: CreateUser): Promise<User> {
    const email = dto.email.toLowerCase();
    let user: User;
    try {
      user = await this.repo.create(tx, tenantId, {
        id: newId('usr'),
        email,
        name: dto.name,
        role: dto.role,
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw PorticoError.conflict(`A user with email '${email}' exists.`);
      throw err;
    }
    await emit('consumer.user.created', tenantId, user.id, {
      userId: user.id,
      email: user.email,
      role: user.role,
      status: user.status,
    });
    return user;
  }

  async create(scope: AccessScope, dto: CreateUser): Promise<UserView> {
    const user = await this.outbox.transaction((tx, emit) =>
      this.createInTx(tx, emit, scope.tenantId, dto),
    );
    return userView(user);
  }

  async list(scope: AccessScope, page: PageQuery): Promise<Paginated<UserView>> {
    const { items, total } = await this.repo.list(scope.tenantId, page);
    return new Paginated(items.map(userView), { page: page.page, limit: page.limit, total });
  }

  async get(scope: AccessScope, id: string): Promise<UserView> {
    const user = await this.repo.find(scope.tenantId, id);
    if (!user) throw PorticoError.notFound('User', id);
    return userView(user);
  }

  async update(scope: AccessScope, id: string, dto: UpdateUser): Promise<UserView> {
    if (id === scope.actorId && (dto.role !== undefined || dto.status !== undefined)) {
      // An admin demoting or disabling itself could leave the tenant without one.
      throw PorticoError.conflict('You cannot change your own role or status.');
    }
    const user = await this.outbox.transaction(async (tx, emit) => {
      const before = await this.repo.find(scope.tenantId, id, tx);
      if (!before) throw PorticoError.notFound('User', id);
      const after = await this.repo.update(tx, scope.tenantId, id, dto);
      const changes = (['name', 'role', 'status'] as const).filter((f) => before[f] !== after[f]);
      if (changes.length > 0) {
        await emit('consumer.user.updated', scope.tenantId, id, {
          userId: id,
          email: after.email,
          role: after.role,
          status: after.status,
          changes,
        });
      }
      return after;
    });
    return userView(user);
  }
}
