import './instrument';
import { runService } from '@sas/platform';
import { AppModule } from './app.module';

void runService('orientation', AppModule, 3003);
