import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countPayments, PaymentCount, PerformedConsultation, weeksAround } from './payment-count';

/**
 * The honoured consultations of the ISO weeks around a month, with who performed them:
 * the RPPS the outcome named, else the RPPS of the slot's practitioner (slot facts), and
 * the FINESS of the slot's structure when it is known by one. The count is pure (payment-count.ts).
 */
@Injectable()
export class PaymentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async count(month: string): Promise<PaymentCount> {
    const { from, to } = weeksAround(month);
    const rows: { appointment_id: string; rpps: string | null; finess: string | null; start_at: Date; mode: string | null }[] =
      await this.db.query(
        `SELECT a.appointment_id, COALESCE(a.performing_rpps, s.practitioner_rpps) AS rpps, s.structure_finess AS finess,
                a.start_at, a.mode
           FROM indicators.appointment_fact a LEFT JOIN indicators.slot_fact s ON s.slot_id = a.slot_id
          WHERE a.honoured_at IS NOT NULL AND a.start_at >= $1 AND a.start_at < $2`,
        [from, to],
      );
    const consultations: PerformedConsultation[] = rows.map((r) => ({
      appointmentId: r.appointment_id,
      rpps: r.rpps,
      finess: r.finess,
      start: new Date(r.start_at),
      mode: r.mode,
    }));
    return countPayments(month, consultations);
  }
}
