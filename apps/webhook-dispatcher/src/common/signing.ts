import { createHmac } from 'node:crypto';

/**
 * `webhook-signature` per Standard Webhooks: `v1,<base64 HMAC-SHA256(id.timestamp.body)>`, keyed
 * with the bytes after `whsec_`. Several secrets (a rotation's overlap window) give several
 * space-separated signatures; receivers accept the message if any one verifies.
 */
export function webhookSignature(
  msgId: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): string {
  const signed = `${msgId}.${timestampSeconds}.${body}`;
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
    })
    .join(' ');
}
