import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PRACTICE_SIDE, Principal, Roles } from '@sas/auth';
import { UuidParamPipe } from '@sas/platform';
import { PracticePatientService } from './practice-patient.service';

/** The practice's side of a SAS booking: who is coming (docs/practice-patients.md). */
@ApiTags('practice patients')
@ApiBearerAuth()
@Controller('appointments')
export class PracticePatientController {
  constructor(private readonly patients: PracticePatientService) {}

  /**
   * The patient of one of the practice's appointments: name, call-back phone, age band,
   * reason, mode and the regulator's note. 403 for another practice's appointment; 410 once
   * the appointment is cancelled or the contact's retention is over. Each reading is audited.
   */
  @Get(':id/patient')
  @Roles(...PRACTICE_SIDE)
  read(@Param('id', new UuidParamPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.patients.read(id, reader);
  }
}
