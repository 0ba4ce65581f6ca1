import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';
import { SCHEDULING_SETTINGS } from './settings';

void runService('scheduling', AppModule, SCHEDULING_SETTINGS);
