#!/usr/bin/env bash
# Installs the Debian packages named as arguments when they are missing and we may (root + apt-get).
# Elsewhere it lists what is missing and carries on: README.md says what to install on other systems.
# An argument `package=command` counts as installed when `command` is on the PATH, whoever installed
# it: Debian's `npm` conflicts with NodeSource's `nodejs`, which brings its own npm, and any Java 11+
# runs the HTML checker, not only `default-jre-headless`'s.
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian-like system: make sure these are installed: $*" >&2
    exit 0
fi

missing=()
for wanted in "$@"; do
    package=${wanted%%=*}
    if [ "$package" != "$wanted" ] && command -v "${wanted#*=}" >/dev/null 2>&1; then
        continue
    fi
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "Installing system packages with sudo: ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
