#!/usr/bin/env bash
# Installs what the tests need on Debian: the real token (SoftHSM2), the independent checkers (pdfsig,
# qpdf), key import tools (opensc), NSS tools (certutil for pdfsig's trust store), Chromium for the
# renderer tests, LibreOffice to make real PDFs and render the Word forms, and fonts with Vietnamese.
# Then the npm dependencies, with their native builds (pkcs11js, better-sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(softhsm2 opensc poppler-utils qpdf libnss3-tools chromium libreoffice-writer-nogui
          fonts-dejavu-core fonts-croscore openssl ca-certificates gcc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Cần cài các gói hệ thống / system packages needed: ${missing[*]} (chạy với quyền root / run as root)" >&2
    exit 1
  fi
  echo "Cài gói hệ thống / installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Electron's own binary cannot be downloaded on build machines; the app shell is tested where it can.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
