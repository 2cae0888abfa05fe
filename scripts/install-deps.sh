#!/usr/bin/env bash
# Installs the system packages NetFrames needs (Debian/Ubuntu), only if something is missing.
#   libcairo2-dev, libdeflate-dev, libpng-dev – drawing, PNG writing and reading (linked by the Swift package)
#   fonts-dejavu-core          – the default diagram font
#   ffmpeg                     – videos and GIFs
#   librsvg2-bin, poppler-utils – used by the tests to check SVG and PDF output independently
#   texlive-latex-base, texlive-latex-recommended – pdflatex, which the tests compile `explain --format tex` with
set -euo pipefail

packages=(libcairo2-dev libdeflate-dev libpng-dev fonts-dejavu-core ffmpeg librsvg2-bin poppler-utils
          texlive-latex-base texlive-latex-recommended)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
