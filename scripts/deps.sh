#!/usr/bin/env bash
# Installs the C libraries orcha-cost links (SQLite, libcsv, zlib, libcurl) when they are missing.
# Debian/Ubuntu: apt-get (as root, or via sudo). Safe to run again: does nothing when present.
set -euo pipefail
missing=()
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -f /usr/include/csv.h ] || missing+=(libcsv-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/curl/curl.h ] || [ -f "/usr/include/$(uname -m)-linux-gnu/curl/curl.h" ] || missing+=(libcurl4-openssl-dev)
[ -n "$(command -v pkg-config || true)" ] || missing+=(pkg-config)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "orcha-cost: installing ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "orcha-cost: apt-get not found; install ${missing[*]} with your package manager" >&2
  exit 69
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
