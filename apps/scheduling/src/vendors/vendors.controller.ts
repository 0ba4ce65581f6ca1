import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { InvalidInput } from '@sas/platform';
import { RegisterVendorDto, VENDOR_ID } from './vendor.dto';
import { VendorsService } from './vendors.service';

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  /** Registers (or replaces) a vendor and the practitioners and structures it publishes for. */
  @Put(':id')
  @Roles('admin')
  register(@CurrentPrincipal() admin: Principal, @Param('id') id: string, @Body() dto: RegisterVendorDto) {
    if (!VENDOR_ID.test(id)) throw InvalidInput.field('id', 'a vendor id is 2–64 letters, digits, dots, dashes or underscores');
    return this.vendors.register(admin, id, dto);
  }

  @Get(':id')
  @Roles('admin', 'vendor')
  get(@CurrentPrincipal() reader: Principal, @Param('id') id: string) {
    return this.vendors.get(id, reader);
  }
}
