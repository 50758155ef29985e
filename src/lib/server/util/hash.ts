import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export function sha256Bytes(text: string): Uint8Array {
	return sha256(new TextEncoder().encode(text));
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256Bytes(text));
}
