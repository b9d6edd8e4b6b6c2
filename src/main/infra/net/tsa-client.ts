/**
 * Asks an RFC 3161 timestamp authority for a token over some data (a signature value, or the bytes a
 * document timestamp covers). The answer must be granted, for the same imprint and nonce.
 */
import { buildTimestampRequest, buildTimestampRequestForImprint, readTimestampResponse, type TimestampRequest, type TimestampToken } from '../../core/ltv/tsp';
import { DEFAULT_TIMEOUTS, type LtvNetwork, type TimestampAuthority } from '../../core/ltv/ports';

async function ask(network: LtvNetwork, tsaUrl: string, request: TimestampRequest, timeoutMs: number): Promise<TimestampToken> {
  const der = await network.post(tsaUrl, request.der, 'application/timestamp-query', timeoutMs);
  return readTimestampResponse(der, request);
}

export function requestTimestamp(network: LtvNetwork, tsaUrl: string, data: Uint8Array, timeoutMs: number = DEFAULT_TIMEOUTS.tsa): Promise<TimestampToken> {
  return ask(network, tsaUrl, buildTimestampRequest(data), timeoutMs);
}

export function createTimestampAuthority(network: LtvNetwork, url: string, timeoutMs: number = DEFAULT_TIMEOUTS.tsa): TimestampAuthority {
  return {
    url,
    stamp: async (imprint) => (await ask(network, url, buildTimestampRequestForImprint(imprint), timeoutMs)).der,
  };
}
