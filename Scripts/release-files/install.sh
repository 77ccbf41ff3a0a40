#!/bin/sh
# Installs this Bulkhead archive: the binary, its man pages and its shell completions.
# Usage: ./install.sh [PREFIX]    (default /usr/local; e.g. ./install.sh "$HOME/.local" needs no root)
# Nothing is downloaded and nothing outside PREFIX is written.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-/usr/local}

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d" "$prefix/share/doc/bulkhead"
install -m 755 "$here/bin/bulkhead" "$prefix/bin/bulkhead"
for page in "$here"/share/man/man1/*.1; do install -m 644 "$page" "$prefix/share/man/man1/"; done
install -m 644 "$here/share/bash-completion/completions/bulkhead" "$prefix/share/bash-completion/completions/bulkhead"
install -m 644 "$here/share/zsh/site-functions/_bulkhead" "$prefix/share/zsh/site-functions/_bulkhead"
install -m 644 "$here/share/fish/vendor_completions.d/bulkhead.fish" \
  "$prefix/share/fish/vendor_completions.d/bulkhead.fish"
install -m 644 "$here/README.md" "$here/LICENSE" "$here/THIRD-PARTY-NOTICES" "$here/share/doc/bulkhead/offline.md" \
  "$prefix/share/doc/bulkhead/"
cp -R "$here/share/doc/bulkhead/examples" "$prefix/share/doc/bulkhead/"

echo "installed $("$prefix/bin/bulkhead" --version | head -n 1) into $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on PATH" ;; esac
echo "completions: bash picks them up from $prefix/share/bash-completion/completions (with bash-completion);"
echo "  zsh: fpath+=($prefix/share/zsh/site-functions); fish: $prefix/share/fish/vendor_completions.d"
