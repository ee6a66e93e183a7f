import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PorticoError } from '@portico/contracts';
import { InjectConfig, Public, RawResponse, ZodDto } from '@portico/platform';
import { z } from 'zod';
import type { GatewayConfig } from '../config';
import { type RequestLike, publicUrl } from './public-url';
import { SdkPackageService } from './sdk-package.service';

export const SDK_LANGUAGES = ['typescript'] as const;

export const SdkQuerySchema = z.object({
  language: z.enum(SDK_LANGUAGES).optional(),
  version: z.string().max(64).optional(),
});
class SdkQueryDto extends ZodDto(SdkQuerySchema) {}

export interface SdkListing {
  language: (typeof SDK_LANGUAGES)[number];
  packageName: string;
  version: string;
  downloadUrl: string;
  documentation: string;
  install: string[];
  examples: Array<{ title: string; code: string }>;
}

interface Reply {
  header(name: string, value: string): unknown;
}

@ApiTags('sdk')
@Controller('api/v1/sdk')
export class SdkController {
  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    private readonly sdk: SdkPackageService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The SDKs this gateway offers, with install instructions and examples' })
  @ApiResponse({ status: 400, description: 'Unknown language.' })
  async list(@Query() q: SdkQueryDto, @Req() req: RequestLike): Promise<{ sdks: SdkListing[] }> {
    const info = await this.sdk.available();
    if (!info || (q.language && q.language !== 'typescript')) return { sdks: [] };
    if (q.version && q.version !== info.version) return { sdks: [] };
    const base = publicUrl(this.config, req);
    const downloadUrl = `${base}/api/v1/sdk/typescript/${encodeURIComponent(info.version)}/download`;
    return {
      sdks: [
        {
          language: 'typescript',
          packageName: info.name,
          version: info.version,
          downloadUrl,
          documentation: `${base}/api/v1/docs?format=html`,
          install: [`npm install ${downloadUrl}`, `pnpm add ${downloadUrl}`],
          examples: [
            {
              title: 'Create a client and register an API',
              code: [
                `import { createPorticoClient } from '${info.name}';`,
                `const portico = createPorticoClient({ baseUrl: '${base}', apiKey: process.env.PORTICO_API_KEY });`,
                `const api = await portico.unwrap(portico.api.POST('/api/v1/apis', { body: { name: 'orders', title: 'Orders' } }));`,
              ].join('\n'),
            },
            {
              title: 'Walk a paginated list',
              code: `for await (const api of portico.paginate('/api/v1/apis')) console.log(api.name);`,
            },
            {
              title: 'Handle errors',
              code: [
                `import { PorticoApiError } from '${info.name}';`,
                `try { await portico.unwrap(portico.api.GET('/api/v1/apis')); }`,
                `catch (e) { if (e instanceof PorticoApiError) console.error(e.status, e.code, e.message); }`,
              ].join('\n'),
            },
          ],
        },
      ],
    };
  }

  @Get(':language/:version/download')
  @Public()
  @RawResponse()
  @ApiParam({ name: 'language', enum: SDK_LANGUAGES })
  @ApiParam({ name: 'version', description: 'The version listed by GET /api/v1/sdk' })
  @ApiProduces('application/gzip')
  @ApiOperation({ summary: 'The SDK package as an npm tarball (`npm install <this URL>`)' })
  @ApiResponse({ status: 404, description: 'No SDK of this language and version.' })
  async download(
    @Param('language') language: string,
    @Param('version') version: string,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<Buffer> {
    if (language !== 'typescript') throw PorticoError.notFound('SDK language', language);
    const { fileName, body } = await this.sdk.download(version);
    res.header('content-type', 'application/gzip');
    res.header('content-disposition', `attachment; filename="${fileName}"`);
    return body;
  }
}
