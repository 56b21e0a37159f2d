// The npm package's version, derived from Herald's Maven version (pack.mjs; tested by
// src/test/types/package.test.mjs).

/**
 * The one version rule: the npm version is Herald's Maven version, made semver where Maven's is
 * not: a missing patch number becomes 0 (`1.2` → `1.2.0`) and a qualifier stays the prerelease
 * (`0.1.0-SNAPSHOT` → `0.1.0-SNAPSHOT`, which sorts before `0.1.0` as a snapshot should).
 */
export function npmVersion(version) {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.exec(version);
  if (!m) throw new Error(`Maven version '${version}' has no npm (semver) equivalent: use MAJOR.MINOR[.PATCH][-QUALIFIER]`);
  return `${m[1]}.${m[2]}.${m[3] ?? 0}${m[4] ? '-' + m[4] : ''}`;
}
