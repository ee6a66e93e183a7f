import { CreateApiKeySchema, PageQuerySchema, RotateApiKeySchema } from '@portico/contracts';
import { ZodDto } from '@portico/platform';

export class CreateApiKeyDto extends ZodDto(CreateApiKeySchema) {}
export class RotateApiKeyDto extends ZodDto(RotateApiKeySchema) {}
export class PageQueryDto extends ZodDto(PageQuerySchema) {}
