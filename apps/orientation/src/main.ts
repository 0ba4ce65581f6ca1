import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';
import { ORIENTATION_SETTINGS } from './settings';

void runService('orientation', AppModule, ORIENTATION_SETTINGS);
