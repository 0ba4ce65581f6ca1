import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AGENDA_READERS, CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { AgendaAccess } from '../access/agenda-access';
import { SlotBatchDto, CreateSlotDto, UpdateSlotDto } from './slot.dto';
import { SlotLifecycleService } from './slot-lifecycle.service';
import { SlotPublisher } from './slot-publisher';
import { slotView } from './slot-view';
import { UuidParamPipe } from '@sas/platform';

@ApiTags('slots')
@ApiBearerAuth()
@Controller('slots')
export class SlotsController {
  constructor(
    private readonly publisher: SlotPublisher,
    private readonly lifecycle: SlotLifecycleService,
    private readonly access: AgendaAccess,
  ) {}

  @Post()
  @Roles(...PRACTICE_SIDE)
  async publish(@Body() dto: CreateSlotDto, @CurrentPrincipal() caller: Principal) {
    await this.access.owners(caller, [dto]);
    const [slot] = await this.publisher.publish([dto], (_i, name) => name);
    return slotView(slot);
  }

  /** Up to 5,000 slots, all or nothing; errors name `slots[i].field`. */
  @Post('batch')
  @Roles(...PRACTICE_SIDE)
  async publishBatch(@Body() dto: SlotBatchDto, @CurrentPrincipal() caller: Principal) {
    await this.access.owners(caller, dto.slots);
    const slots = await this.publisher.publish(dto.slots, (i, name) => `slots[${i}].${name}`);
    return { published: slots.length, ids: slots.map((s) => s.id) };
  }

  @Get(':id')
  @Roles(...AGENDA_READERS, 'regulator')
  async get(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.slot(caller, id);
    return slotView(await this.lifecycle.get(id));
  }

  @Patch(':id')
  @Roles(...PRACTICE_SIDE)
  async update(@Param('id', new UuidParamPipe()) id: string, @Body() dto: UpdateSlotDto, @CurrentPrincipal() caller: Principal) {
    await this.access.slot(caller, id);
    return slotView(await this.lifecycle.update(id, dto));
  }

  @Delete(':id')
  @Roles(...PRACTICE_SIDE)
  async withdraw(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.slot(caller, id);
    return slotView(await this.lifecycle.withdraw(id, 'withdrawn'));
  }

  /** An agenda vendor reports the slot was booked outside the SAS: it leaves the free list. */
  @Post(':id/booked-elsewhere')
  @HttpCode(200)
  @Roles(...PRACTICE_SIDE, 'vendor')
  async bookedElsewhere(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    await this.access.slot(caller, id);
    return slotView(await this.lifecycle.withdraw(id, 'booked-elsewhere'));
  }
}
