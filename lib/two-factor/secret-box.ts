import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { env } from '@/lib/config/env';

// Sealed TOTP secrets look like `v1.<iv>.<ciphertext>.<tag>` (base64url parts). The version
// names the algorithm and key, so a later key rotation can add `v2` and still read `v1`.
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export function encryptionKeyFromEnv(): Buffer {
  return Buffer.from(env().TOTP_ENCRYPTION_KEY, 'base64');
}

// The owner's id is authenticated with the ciphertext, so a sealed secret copied onto another
// account's row does not open there.
function associatedData(userId: string): Buffer {
  return Buffer.from(`servicebay:totp-secret:${VERSION}:${userId}`, 'utf8');
}

function requireKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new SecretBoxError('The TOTP encryption key must be 32 bytes.');
  return key;
}

export function sealSecret(secret: string, userId: string, key = encryptionKeyFromEnv()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, requireKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(userId));

  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

export function openSecret(sealed: string, userId: string, key = encryptionKeyFromEnv()): string {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag || rest.length > 0) {
    throw new SecretBoxError('Unrecognised sealed secret format.');
  }

  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new SecretBoxError('Unrecognised sealed secret format.');
  }

  const decipher = createDecipheriv(ALGORITHM, requireKey(key), ivBytes, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(associatedData(userId));
  decipher.setAuthTag(tagBytes);

  try {
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    // GCM reports tampering, a wrong key and a wrong owner the same way: the tag does not match.
    throw new SecretBoxError('The sealed secret failed authentication.');
  }
}
