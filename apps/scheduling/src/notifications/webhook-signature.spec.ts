import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it("signs the specification's example as its reference implementation does", () => {
    // The example of the Standard Webhooks reference libraries (secret, id, timestamp, body → signature).
    const headers = webhookHeaders(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('gives fresh 32-byte secrets that an independent verifier accepts, and refuses a changed body', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toEqual(secret);
    const body = JSON.stringify({ type: 'appointment-booked', data: { appointmentId: 'a' } });
    const headers = webhookHeaders(secret, 'b1d0a7c4-0000-4000-8000-000000000001', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('"a"', '"b"'), headers)).toThrow();
  });
});
