import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PracticePatientController } from './practice-patient.controller';
import { PracticePatientService } from './practice-patient.service';

@Module({ imports: [CasesModule], controllers: [PracticePatientController], providers: [PracticePatientService] })
export class PracticePatientsModule {}
