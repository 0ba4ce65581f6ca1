import { randomBytes } from 'node:crypto';
import { ContactCipher } from './contact-cipher';

describe('ContactCipher', () => {
  const contact = { name: 'Zéphyrine Testpatient', phone: '+33 6 12 34 56 78' };

  it('opens what it sealed, and the sealed bytes do not contain the contact in clear', () => {
    const cipher = ContactCipher.withKey(randomBytes(32));
    const sealed = cipher.seal(contact);
    expect(sealed.toString('latin1')).not.toContain('Testpatient');
    expect(sealed.toString('latin1')).not.toContain('12 34');
    expect(cipher.open(sealed)).toEqual(contact);
  });

  it('uses a fresh IV each time, so equal contacts do not give equal ciphertexts', () => {
    const cipher = ContactCipher.withKey(randomBytes(32));
    expect(cipher.seal(contact).equals(cipher.seal(contact))).toBe(false);
  });

  it('refuses a ciphertext sealed with another key or tampered with', () => {
    const sealed = ContactCipher.withKey(randomBytes(32)).seal(contact);
    expect(() => ContactCipher.withKey(randomBytes(32)).open(sealed)).toThrow();
    const cipher = ContactCipher.withKey(randomBytes(32));
    const tampered = cipher.seal(contact);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.open(tampered)).toThrow();
  });

  it('requires a 32-byte key, and a configured key unless development mode is explicit', () => {
    expect(() => ContactCipher.fromEnvironment({ PATIENT_CONTACT_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
    expect(() => ContactCipher.fromEnvironment({ NODE_ENV: 'production' })).toThrow(/PATIENT_CONTACT_KEY is required/);
    expect(() => ContactCipher.fromEnvironment({})).toThrow(/PATIENT_CONTACT_KEY is required/);
    expect(() => ContactCipher.fromEnvironment({ NODE_ENV: 'staging' })).toThrow(/PATIENT_CONTACT_KEY is required/);
    expect(
      ContactCipher.fromEnvironment({ NODE_ENV: 'development' }).open(
        ContactCipher.fromEnvironment({ NODE_ENV: 'test' }).seal(contact),
      ),
    ).toEqual(contact);
    const key = randomBytes(32).toString('base64');
    const a = ContactCipher.fromEnvironment({ NODE_ENV: 'production', PATIENT_CONTACT_KEY: key });
    expect(ContactCipher.fromEnvironment({ PATIENT_CONTACT_KEY: key }).open(a.seal(contact))).toEqual(contact);
  });
});
