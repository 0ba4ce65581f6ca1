import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';

void runService('indicators', AppModule, 3004);
