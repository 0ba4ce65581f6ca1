import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SlotBatchDto, CreateSlotDto, UpdateSlotDto } from './slot.dto';
import { SlotLifecycleService } from './slot-lifecycle.service';
import { SlotPublisher } from './slot-publisher';
import { slotView } from './slot-view';

@ApiTags('slots')
@Controller('slots')
export class SlotsController {
  constructor(
    private readonly publisher: SlotPublisher,
    private readonly lifecycle: SlotLifecycleService,
  ) {}

  @Post()
  async publish(@Body() dto: CreateSlotDto) {
    const [slot] = await this.publisher.publish([dto], (_i, name) => name);
    return slotView(slot);
  }

  /** Up to 5,000 slots, all or nothing; errors name `slots[i].field`. */
  @Post('batch')
  async publishBatch(@Body() dto: SlotBatchDto) {
    const slots = await this.publisher.publish(dto.slots, (i, name) => `slots[${i}].${name}`);
    return { published: slots.length, ids: slots.map((s) => s.id) };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return slotView(await this.lifecycle.get(id));
  }

  @Patch(':id')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSlotDto) {
    return slotView(await this.lifecycle.update(id, dto));
  }

  @Delete(':id')
  async withdraw(@Param('id', new ParseUUIDPipe()) id: string) {
    return slotView(await this.lifecycle.withdraw(id, 'withdrawn'));
  }

  /** An agenda vendor reports the slot was booked outside the SAS: it leaves the free list. */
  @Post(':id/booked-elsewhere')
  @HttpCode(200)
  async bookedElsewhere(@Param('id', new ParseUUIDPipe()) id: string) {
    return slotView(await this.lifecycle.withdraw(id, 'booked-elsewhere'));
  }
}
