/**
 * Full-jitter exponential backoff: a uniform delay in [0, min(cap, base * 2^attempt)], never below
 * the server's hint (SSE `retry:`, `Retry-After`, close code).
 */
export function backoffDelay(attempt, { base, cap }, hint = 0, random = Math.random) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.max(hint || 0, Math.floor(random() * ceiling));
}
