/**
 * Asks an RFC 3161 timestamp authority for a token over some data (a signature value, or the bytes a
 * document timestamp covers). The answer must be granted, for the same imprint and nonce.
 */
import { buildTimestampRequest, readTimestampResponse, type TimestampToken } from '../../core/ltv/tsp';
import { DEFAULT_TIMEOUTS, type LtvNetwork } from '../../core/ltv/ports';

export async function requestTimestamp(network: LtvNetwork, tsaUrl: string, data: Uint8Array, timeoutMs: number = DEFAULT_TIMEOUTS.tsa): Promise<TimestampToken> {
  const request = buildTimestampRequest(data);
  const der = await network.post(tsaUrl, request.der, 'application/timestamp-query', timeoutMs);
  return readTimestampResponse(der, request);
}
