import { isDevelopmentMode } from '@sas/auth';
import { base64Key, secretSetting } from '@sas/platform';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a regulator may keep to call the patient back: nothing else about them. */
export interface PatientContact {
  name?: string;
  phone?: string;
}

/** The regulator's note meant for the practitioner who receives the patient (free text: patient data). */
export interface PractitionerNote {
  note: string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts patient contact details at rest with AES-256-GCM (authenticated: a tampered
 * or foreign ciphertext fails to open). The key comes from PATIENT_CONTACT_KEY (32 bytes,
 * base64, or a file named by PATIENT_CONTACT_KEY_FILE). Only in development mode
 * (NODE_ENV=development or test, as for the token signing key) does a fixed development
 * key stand in; anywhere else the service refuses to start without one.
 */
export class ContactCipher {
  private constructor(private readonly key: Buffer) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): ContactCipher {
    const configured = secretSetting(env, 'PATIENT_CONTACT_KEY', { required: !isDevelopmentMode(env), check: base64Key(32) });
    if (configured) return new ContactCipher(Buffer.from(configured, 'base64'));
    return new ContactCipher(createHash('sha256').update('sas-orientation-development-key').digest());
  }

  static withKey(key: Buffer): ContactCipher {
    return new ContactCipher(key);
  }

  /** Seals the contact, or any other patient text kept with it (the note meant for the practitioner). */
  seal(contact: PatientContact | PractitionerNote): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open<T extends PatientContact | PractitionerNote = PatientContact>(sealed: Buffer): T {
    if (sealed[0] !== VERSION) throw new Error(`unknown contact encryption version ${sealed[0]}`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    const body = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(body.toString('utf8')) as T;
  }
}
