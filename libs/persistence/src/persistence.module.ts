import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { initializeServiceDataSource, serviceDataSourceOptions } from './data-source';
import { databaseConfigFromEnv } from './database-config';

/** The TypeORM connection of one service: its schema, its entities, its migrations run at start. */
@Module({})
export class PersistenceModule {
  static forService(
    schema: string,
    entities: MixedList<Function | string | EntitySchema>,
    migrations: Function[],
  ): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions({ config: databaseConfigFromEnv(schema), entities, migrations }),
          dataSourceFactory: async (options) => initializeServiceDataSource(new DataSource(options!)),
        }),
      ],
    };
  }
}
