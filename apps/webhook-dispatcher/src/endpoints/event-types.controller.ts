import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_RESERVED_EVENT_NAMESPACES, eventCatalogueJsonSchema } from '@portico/contracts';
import { AnyRole } from '@portico/platform';

@ApiTags('webhook event types')
@Controller('api/v1/webhooks/event-types')
export class EventTypesController {
  @Get()
  @AnyRole()
  @ApiOperation({
    summary: "The catalogue of Portico's event types, with the JSON Schema of each `data`",
    description:
      'Endpoints may also subscribe to custom types that tenants publish through POST ' +
      '/api/v1/webhooks/messages: dot-separated segments of letters, digits, `_` and `-`, whose ' +
      `first segment is none of ${WEBHOOK_RESERVED_EVENT_NAMESPACES.map((n) => `\`${n}\``).join(', ')} ` +
      '(those belong to Portico). Filters take exact types or `*` wildcards: `*` is one segment, a ' +
      'trailing `*` one or more (`registry.*`), `*` alone every type.',
  })
  list() {
    return eventCatalogueJsonSchema();
  }
}
