/**
 * Windows: vendor token drivers register a CSP under HKLM\SOFTWARE\Microsoft\Cryptography\Defaults\
 * Provider\<name> ("Image Path"). Most Vietnamese CA tokens are Feitian-based: the CSP shell `X_s.dll`
 * sits next to the PKCS#11 module `X.dll` (vn-domain.md §1.1, one public source: confidence medium),
 * so the module is derived from the CSP's file name and kept only if that file exists.
 */

/** Microsoft's own providers: never a token's PKCS#11 module. */
const MICROSOFT_CSPS = /^(rsaenh|dssenh|basecsp|scksp|ncrypt|bcrypt|gpkcsp|slbcsp|sccbase)\.dll$/i;

/** Parses `reg query <key> /s /v "Image Path"` output into provider name → expanded image path. */
export function parseCspImagePaths(regOutput: string, systemRoot: string): Array<{ provider: string; imagePath: string }> {
  const out: Array<{ provider: string; imagePath: string }> = [];
  let provider = '';
  for (const raw of regOutput.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const key = /^HKEY_LOCAL_MACHINE\\.*\\Provider\\(.+)$/i.exec(line.trim());
    if (key) {
      provider = key[1]!;
      continue;
    }
    const value = /^\s+Image Path\s+REG_(?:EXPAND_)?SZ\s+(.+)$/i.exec(line);
    if (value && provider) {
      const expanded = value[1]!.trim().replace(/%SystemRoot%|%windir%/gi, systemRoot);
      const withFolder = /[\\/]/.test(expanded) ? expanded : `${systemRoot}\\System32\\${expanded}`;
      out.push({ provider, imagePath: withFolder });
    }
  }
  return out;
}

/** Candidate PKCS#11 module paths next to a CSP image (X_s.dll → X.dll; X_s.x64.dll → X.x64.dll, X.dll). */
export function modulesBesideCsp(imagePath: string): string[] {
  const slash = Math.max(imagePath.lastIndexOf('\\'), imagePath.lastIndexOf('/'));
  const dir = imagePath.slice(0, slash + 1);
  const file = imagePath.slice(slash + 1);
  if (MICROSOFT_CSPS.test(file)) return [];
  const m = /^(.*)_s(\.x64)?\.dll$/i.exec(file);
  if (!m) return [];
  const stem = m[1]!;
  return [...(m[2] ? [`${dir}${stem}${m[2]}.dll`] : []), `${dir}${stem}.dll`];
}
