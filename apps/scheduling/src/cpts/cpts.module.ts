import { Module } from '@nestjs/common';
import { CptsController } from './cpts.controller';
import { CptsService } from './cpts.service';

@Module({ controllers: [CptsController], providers: [CptsService] })
export class CptsModule {}
