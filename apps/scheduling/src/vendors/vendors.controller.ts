import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { InvalidInput } from '@sas/platform';
import { RegisterVendorDto, VENDOR_ID } from './vendor.dto';
import { VendorPullService } from './pull/vendor-pull.service';
import { VendorsService } from './vendors.service';

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('vendors')
export class VendorsController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly pull: VendorPullService,
  ) {}

  /** Registers (or replaces) a vendor and the practitioners and structures it publishes for. */
  @Put(':id')
  @Roles('admin')
  register(@CurrentPrincipal() admin: Principal, @Param('id') id: string, @Body() dto: RegisterVendorDto) {
    if (!VENDOR_ID.test(id)) throw InvalidInput.field('id', 'a vendor id is 2–64 letters, digits, dots, dashes or underscores');
    return this.vendors.register(admin, id, dto);
  }

  /** The registration and, for a pulled vendor, how its polls go (the figures of its /metrics series). */
  @Get(':id')
  @Roles('admin', 'vendor')
  async get(@CurrentPrincipal() reader: Principal, @Param('id') id: string) {
    const vendor = await this.vendors.get(id, reader);
    return vendor.endpoint ? { ...vendor, pull: this.pull.status(id) } : vendor;
  }
}
