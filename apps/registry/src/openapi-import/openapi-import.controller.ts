import { Body, Controller, HttpCode, type OnModuleInit, Post, Query } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ImportOpenApiQuerySchema,
  type ImportOpenApiResult,
  type Principal,
} from '@portico/contracts';
import { CurrentPrincipal, ZodDto } from '@portico/platform';
import { actorOf } from '../common/actor';
import { CanWrite } from '../common/roles';
import { ImportOpenApiUsecase } from './usecases/import-openapi.usecase';

class ImportQueryDto extends ZodDto(ImportOpenApiQuerySchema) {}

/** YAML bodies arrive as text; JSON ones are parsed by the platform as usual. */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    opts: { parseAs: 'string' },
    parser: (req: unknown, body: string, done: (err: Error | null, body?: unknown) => void) => void,
  ): void;
}

@ApiTags('import')
@Controller('api/v1/apis/import')
export class OpenApiImportController implements OnModuleInit {
  constructor(
    private readonly importer: ImportOpenApiUsecase,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyLike>();
    for (const type of YAML_TYPES) {
      if (!fastify.hasContentTypeParser(type)) {
        fastify.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) =>
          done(null, body),
        );
      }
    }
  }

  @Post()
  @CanWrite()
  @HttpCode(200)
  @ApiConsumes('application/json', ...YAML_TYPES)
  @ApiBody({ description: 'An OpenAPI 3.0.x or 3.1.x document', schema: { type: 'object' } })
  @ApiOperation({
    summary: 'Create or update an API, a version and its routes from an OpenAPI document',
    description:
      'One transaction: an invalid or unsupported document is a 400 with the reason and nothing ' +
      'is written. Defaults: name = slug of info.title, version = v<major> of info.version, ' +
      'basePath = path of servers[0].url, upstream = x-portico-upstream or servers[0].url. ' +
      'Re-importing updates the version (drafts, published and deprecated ones); routes matching ' +
      'by method and path keep their id and policies.',
  })
  @ApiResponse({ status: 400, description: 'Malformed, invalid or unsupported document.' })
  @ApiResponse({ status: 409, description: 'The version is retired, or its basePath is fixed.' })
  import(
    @CurrentPrincipal() p: Principal,
    @Query() q: ImportQueryDto,
    @Body() body: unknown,
  ): Promise<ImportOpenApiResult> {
    return this.importer.execute(actorOf(p), body, q);
  }
}
