/**
 * A failed delivery described for the developer reading the list, in words: "The host name
 * example.invalid does not resolve." rather than "ENOTFOUND: getaddrinfo ENOTFOUND ...".
 */
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not a known certificate authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not a known certificate authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
};

export function describeNetworkError(error: Error & { code?: string }, host: string, port: string): string {
  switch (error.code) {
    case 'ENOTFOUND':
      return `The host name ${host} does not resolve.`;
    case 'EAI_AGAIN':
      return `The host name ${host} could not be looked up (DNS did not answer in time). Try again.`;
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${host} port ${port}.`;
    case 'ECONNRESET':
      return `${host} closed the connection before answering.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} cannot be reached from Ring’s network.`;
    case 'ETIMEDOUT':
      return `Connecting to ${host} port ${port} timed out.`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `${host} port ${port} does not speak HTTPS (TLS).`;
  }
  const tls = error.code ? TLS_REASONS[error.code] : undefined;
  if (tls) return `The TLS certificate of ${host} is not accepted: ${tls}.`;
  // Our own errors (the 5-second budget) are already in words; anything else keeps its code to look up.
  if (!error.code) return error.message;
  return `The request to ${host} failed (${error.code}).`;
}
