import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';

void runService('matching', AppModule, 3002);
