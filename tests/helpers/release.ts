/** An electron-builder release folder for the update tests: an installer and its latest.yml, sha512 as electron-builder writes it. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeRelease(releaseDir: string, version: string, opts: { wrongSha?: boolean; staging?: number } = {}): Buffer {
  const installer = Buffer.from(`installer of Quầy HCC ${version} `.repeat(2000));
  const name = `quay-hcc-setup-${version}.exe`;
  writeFileSync(join(releaseDir, name), installer);
  const sha = createHash('sha512').update(opts.wrongSha ? Buffer.from('something else') : installer).digest('base64');
  writeFileSync(
    join(releaseDir, 'latest.yml'),
    [`version: ${version}`, 'files:', `  - url: ${name}`, `    sha512: ${sha}`, `    size: ${installer.length}`, `path: ${name}`, `sha512: ${sha}`, ...(opts.staging !== undefined ? [`stagingPercentage: ${opts.staging}`] : []), "releaseDate: '2026-12-07T08:00:00.000Z'", ''].join('\n'),
  );
  return installer;
}
