#!/usr/bin/env bash
# Install what the book and its tests need on a fresh Debian machine. Each step is skipped when done.
#   scripts/setup.sh python    Python packages into .venv (uv, exact pins from pyproject.toml)
#   scripts/setup.sh npm       the site's own copies of MathJax, the widget manager and Vega (node_modules)
#   scripts/setup.sh tex       xelatex and fonts for the PDF edition (Debian packages)
#   scripts/setup.sh chromium  Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

case "${1:?what to set up: python, npm, tex or chromium}" in
  python)
    if [ ! -x .venv/bin/python ]; then
      python3 -m venv .venv
    fi
    if [ ! -x .venv/bin/uv ]; then
      .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
    fi
    .venv/bin/uv pip install --quiet --python .venv/bin/python --index-strategy unsafe-best-match \
      --compile-bytecode -e ".[book,test]"
    .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
    ;;
  npm)
    npm ci --no-audit --no-fund --loglevel=error
    ;;
  tex)
    if ! command -v xelatex >/dev/null || ! command -v latexmk >/dev/null || ! command -v pdftotext >/dev/null \
        || ! fc-list | grep -q FreeSerif || ! fc-list | grep -q "DejaVu Sans"; then
      apt_install texlive-latex-recommended texlive-latex-extra texlive-xetex texlive-fonts-recommended \
        latexmk fonts-freefont-otf fonts-dejavu-core lmodern poppler-utils
    fi
    ;;
  chromium)
    if [ ! -x /usr/bin/chromium ]; then
      apt_install chromium
    fi
    ;;
  *)
    echo "unknown step: $1" >&2; exit 2;;
esac
