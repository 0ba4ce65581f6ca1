import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CptsPerimeter } from './areas';

/** The CPTS perimeters the indicators learnt from scheduling's directory events (one table, one repository). */
@Injectable()
export class CptsPerimeters {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async all(): Promise<CptsPerimeter[]> {
    const rows = await this.db.query<{ id: string; name: string; communes: string[] }[]>(
      `SELECT id, name, communes FROM indicators.cpts_perimeter ORDER BY id`,
    );
    return rows.map(({ id, name, communes }) => ({ id, name, communes }));
  }
}

/** The latest registration wins, whatever order the events come in (they carry the registration time). */
export async function recordPerimeter(
  tx: EntityManager,
  p: { cptsId: string; cptsName: string; communes: string[]; registeredAt: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.cpts_perimeter AS f (id, name, communes, registered_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, communes = excluded.communes, registered_at = excluded.registered_at
     WHERE f.registered_at < excluded.registered_at`,
    [p.cptsId, p.cptsName, p.communes, p.registeredAt],
  );
}
