import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CreateSlotDto } from './create-slot.dto';
import { slotView } from './slot-view';
import { SlotsService } from './slots.service';

@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Post()
  async publish(@Body() dto: CreateSlotDto) {
    return slotView(await this.slots.publish(dto));
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return slotView(await this.slots.get(id));
  }
}
