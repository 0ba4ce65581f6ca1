import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pre-triage protocol as data: for a call's reason, the outcome, urgency and mode a
 * territory suggests (null urgency: no urgent slot is needed). Territory `*` holds the
 * defaults every territory starts from; an admin's rule for a département replaces the
 * default there. A reason without a rule gets no suggestion (chest pain, breathing
 * difficulty, other: the regulators' assessment decides alone).
 *
 * The defaults follow the Paris SAS action's "trame pour faire un pré-tri": certificates
 * and renewals need no urgent slot, renewals go to the pharmacy, teleconsultation is
 * proposed where a video consultation serves. A case records the suggestion it got at
 * triage, and whether the orientation followed it.
 */
export class PreTriageProtocol1765150000031 implements MigrationInterface {
  name = 'PreTriageProtocol1765150000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orientation.pre_triage_rule (
        territory text NOT NULL,
        reason text NOT NULL,
        outcome text NOT NULL,
        urgency text,
        mode text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        PRIMARY KEY (territory, reason)
      )`);
    await q.query(
      `INSERT INTO orientation.pre_triage_rule (territory, reason, outcome, urgency, mode)
       SELECT '*', reason, outcome, urgency, mode FROM jsonb_to_recordset($1::jsonb)
         AS d(reason text, outcome text, urgency text, mode text)`,
      [JSON.stringify(DEFAULTS.map(([reason, outcome, urgency, mode]) => ({ reason, outcome, urgency, mode })))],
    );
    await q.query(`
      ALTER TABLE orientation.regulation_case
        ADD COLUMN suggested_outcome text,
        ADD COLUMN suggested_urgency text,
        ADD COLUMN suggested_mode text,
        ADD COLUMN followed_suggestion boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orientation.regulation_case
        DROP COLUMN suggested_outcome, DROP COLUMN suggested_urgency, DROP COLUMN suggested_mode, DROP COLUMN followed_suggestion`);
    await q.query(`DROP TABLE orientation.pre_triage_rule`);
  }
}

/** reason, suggested outcome, urgency (null: no urgent slot), mode — as of this migration. */
const DEFAULTS: [string, string, string | null, string | null][] = [
  ['fever', 'snp-consultation', 'same-day', 'AMB'],
  ['cough', 'teleconsultation', 'within-48h', 'VR'],
  // Pharmacists test and treat sore throats and cystitis (rapid tests) without a prescription.
  ['ear-nose-throat', 'pharmacy', 'same-day', null],
  ['urinary-symptoms', 'pharmacy', 'same-day', null],
  ['abdominal-pain', 'snp-consultation', 'same-day', 'AMB'],
  ['vomiting-diarrhoea', 'teleconsultation', 'same-day', 'VR'],
  ['skin-rash', 'teleconsultation', 'within-48h', 'VR'],
  ['back-pain', 'snp-consultation', 'within-48h', 'AMB'],
  ['headache', 'snp-consultation', 'same-day', 'AMB'],
  ['minor-injury', 'snp-consultation', 'same-day', 'AMB'],
  ['eye-problem', 'snp-consultation', 'same-day', 'AMB'],
  ['dental-pain', 'other-profession', 'same-day', 'AMB'],
  ['anxiety', 'teleconsultation', 'same-day', 'VR'],
  ['medical-certificate', 'treating-doctor', null, null],
  ['prescription-renewal', 'pharmacy', null, null],
  ['sick-leave', 'teleconsultation', null, 'VR'],
  ['test-results', 'treating-doctor', null, null],
];
