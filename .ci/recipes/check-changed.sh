#!/usr/bin/env bash
# Called by pre-commit with the data files of a commit: checks the communities they belong to
# (everything, when a file outside data/communities/<slug>/ changed). Exit 1 stops the commit.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
DANGWU=${DANGWU:-.venv/bin/dangwu}
[ -x "$DANGWU" ] || DANGWU=dangwu
if ! command -v "$DANGWU" >/dev/null; then
  echo "找不到 dangwu：请先在仓库里运行 make install" >&2
  exit 1
fi
args=()
for file in "$@"; do
  case "$file" in
    data/communities/*/*)
      slug=${file#data/communities/}
      slug=${slug%%/*}
      [ -d "data/communities/$slug" ] && args+=(--community "$slug")
      ;;
    *)
      args=()  # something shared changed: check every community
      break
      ;;
  esac
done
if ! "$DANGWU" check data "${args[@]}"; then
  echo "提交没有完成：请按上面每一行说的文件、行号改正，保存后再提交。" >&2
  exit 1
fi
