import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';
import { INDICATORS_SETTINGS } from './settings';

void runService('indicators', AppModule, INDICATORS_SETTINGS);
