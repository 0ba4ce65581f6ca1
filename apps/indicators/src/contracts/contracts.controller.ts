import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { buildAsyncApiDocument, cloudEventType, EventCatalogue, findEventByName } from '@sas/contracts';
import { NotFound, Public } from '@sas/platform';

/** The public event contract for BI consumers: the AsyncAPI document and each event's JSON Schema. */
@ApiTags('contracts')
@Public()
@Controller('contracts')
export class ContractsController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  asyncapi() {
    return this.document;
  }

  @Get('schemas')
  list() {
    return EventCatalogue.map((d) => ({
      name: d.name,
      version: d.version,
      type: cloudEventType(d),
      topic: d.topic,
      schema: `/contracts/schemas/${d.name}`,
    }));
  }

  @Get('schemas/:event')
  schema(@Param('event') name: string) {
    const def = findEventByName(name);
    if (!def) throw new NotFound(`no event named ${name}; see /contracts/schemas`);
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `urn:sas:event:${cloudEventType(def)}`,
      title: def.name,
      description: def.description,
      ...def.schema,
    };
  }
}
