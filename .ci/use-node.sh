# Sourced by .ci/run (and by anyone who wants to bench on what users run): puts Node.js 24
# (the LTS Kring supports, package.json "engines") first on PATH. A machine whose own Node is
# older gets the official binary from the npm registry (the node-linux-<arch> packages carry
# it), installed once under ~/.cache/kring; npm itself stays the machine's (plain JavaScript).
# Decision 031.
KRING_NODE_VERSION="${KRING_NODE_VERSION:-24.22.3}"

kring_use_node() {
  local want_major="${KRING_NODE_VERSION%%.*}"
  local have_major
  have_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "${have_major}" -ge "${want_major}" ]; then
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "[node] no Node.js ${KRING_NODE_VERSION} package for $(uname -m)" >&2; return 1 ;;
  esac
  local dir="${KRING_NODE_DIR:-${HOME}/.cache/kring/node-${KRING_NODE_VERSION}}"
  local bin="${dir}/node_modules/node-linux-${arch}/bin"
  if [ ! -x "${bin}/node" ]; then
    echo "[node] installing Node.js ${KRING_NODE_VERSION} from the npm registry into ${dir}"
    mkdir -p "${dir}"
    npm install --prefix "${dir}" --no-save --no-audit --no-fund --no-package-lock "node-linux-${arch}@${KRING_NODE_VERSION}" >/dev/null
  fi
  export PATH="${bin}:${PATH}"
  echo "[node] using $(node --version) from ${bin}"
}
