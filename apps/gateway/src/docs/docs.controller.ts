import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiNameSchema, PorticoError, VersionNameSchema } from '@portico/contracts';
import { InjectConfig, Public, RawResponse, ZodDto } from '@portico/platform';
import { z } from 'zod';
import type { GatewayConfig } from '../config';
import { DocsHubService } from './docs-hub.service';
import { type RequestLike, publicUrl } from './public-url';
import { render } from './render';
import { SwaggerAssets } from './swagger-assets';

export const DocsQuerySchema = z.object({
  format: z.enum(['json', 'yaml', 'html']).default('json'),
  /** Only this version of the published APIs (management APIs are always included). */
  version: VersionNameSchema.optional(),
});
export const ApiDocsQuerySchema = DocsQuerySchema.pick({ format: true });

class DocsQueryDto extends ZodDto(DocsQuerySchema) {}
class ApiDocsQueryDto extends ZodDto(ApiDocsQuerySchema) {}

interface Reply {
  header(name: string, value: string): unknown;
}

@ApiTags('docs')
@Controller('api/v1/docs')
export class DocsController {
  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    private readonly hub: DocsHubService,
    private readonly assets: SwaggerAssets,
  ) {}

  @Get()
  @Public()
  @RawResponse()
  @ApiProduces('application/json', 'application/yaml', 'text/html')
  @ApiOperation({
    summary: 'The whole platform as one OpenAPI 3.1 document (or a Swagger UI page to read it)',
  })
  @ApiResponse({ status: 400, description: 'Unknown format or malformed version.' })
  async document(
    @Query() q: DocsQueryDto,
    @Req() req: RequestLike,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<string> {
    const doc = await this.hub.document(publicUrl(this.config, req), q.version);
    const json = `/api/v1/docs?format=json${q.version ? `&version=${q.version}` : ''}`;
    return send(res, render(doc, q.format, { title: 'Portico API docs', documentUrl: json }));
  }

  @Get('assets/:file')
  @Public()
  @RawResponse()
  @ApiOperation({ summary: 'Swagger UI files for the HTML page (served locally)' })
  @ApiResponse({ status: 404, description: 'Not one of the page assets.' })
  async asset(
    @Param('file') file: string,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<Buffer> {
    const asset = await this.assets.get(file);
    res.header('content-type', asset.contentType);
    res.header('cache-control', 'public, max-age=86400');
    return asset.body;
  }

  @Get('apis/:name/:version')
  @Public()
  @RawResponse()
  @ApiParam({ name: 'name', description: 'API name' })
  @ApiParam({ name: 'version', description: 'Published version, e.g. v1' })
  @ApiProduces('application/json', 'application/yaml', 'text/html')
  @ApiOperation({ summary: 'One published API version, under its public gateway paths' })
  @ApiResponse({ status: 404, description: 'No such published (or deprecated) version.' })
  async apiDocument(
    @Param('name') name: string,
    @Param('version') version: string,
    @Query() q: ApiDocsQueryDto,
    @Req() req: RequestLike,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<string> {
    if (!VersionNameSchema.safeParse(version).success || !ApiNameSchema.safeParse(name).success) {
      throw PorticoError.notFound('Published API version', `${name} ${version}`);
    }
    const doc = await this.hub.apiDocument(publicUrl(this.config, req), name, version);
    const json = `/api/v1/docs/apis/${name}/${version}?format=json`;
    return send(res, render(doc, q.format, { title: `${name} ${version}`, documentUrl: json }));
  }
}

function send(res: Reply, rendered: { contentType: string; body: string }): string {
  res.header('content-type', rendered.contentType);
  res.header('cache-control', 'no-cache');
  return rendered.body;
}
