import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';
import { MATCHING_SETTINGS } from './settings';

void runService('matching', AppModule, MATCHING_SETTINGS);
