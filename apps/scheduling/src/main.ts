import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';

void runService('scheduling', AppModule, 3001);
