import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLLUP_TABLES } from '../facts/daily-rollup';

/**
 * Opens the database pool's connections at start and has each read the rollup tables'
 * definitions once, so that the first reader (a dashboard's first view asks for about
 * thirty statements at once) does not wait for connections to be opened and their catalog
 * caches filled. Reads no row; a failure only delays that first reader, as before.
 */
@Injectable()
export class ConnectionsWarmUp implements OnApplicationBootstrap {
  private readonly log = new Logger(ConnectionsWarmUp.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    const size = Number((this.db.options.extra as { max?: number } | undefined)?.max ?? 10);
    const touch = ROLLUP_TABLES.map((table) => `SELECT 1 FROM indicators.${table} LIMIT 0`).join(' UNION ALL ');
    void Promise.all(
      Array.from({ length: size }, async () => {
        const runner = this.db.createQueryRunner();
        try {
          await runner.query(touch);
        } finally {
          await runner.release();
        }
      }),
    ).catch((error: Error) => this.log.warn(`database connections not warmed up: ${error.message}`));
  }
}
