#!/usr/bin/env bash
# Publish on a server: fetch the newest records, check, build, publish atomically.
# Run from cron (every 10 minutes is plenty) or from CI over ssh. See .ci/PUBLISHING.md.
#
#   crontab -e
#   */10 * * * * /srv/dangwu/repo/.ci/recipes/publish-cron.sh >> /var/log/dangwu-publish.log 2>&1
#
# Settings (environment variables, all optional):
#   DANGWU_REPO          the clone to publish from          (default: the repository holding this script)
#   DANGWU_BRANCH        the branch that is published       (default: main)
#   DANGWU_SITE          the folder the web server serves   (default: $DANGWU_REPO/site)
#   DANGWU_MEMBERS_SITE  the 党内 site, for an intranet only (default: none, not built)
#   DANGWU               the dangwu command                 (default: $DANGWU_REPO/.venv/bin/dangwu)
#   GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL
#                        who git says the server is          (default: "dangwu 发布" <dangwu-publish@localhost>)
#
# A failed check or build publishes nothing: the site stays exactly as it was. The script
# rebuilds when the records changed, and once a day anyway (a 公示's "还剩 N 个工作日" and
# overdue items depend on the date).
set -euo pipefail

REPO=${DANGWU_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
BRANCH=${DANGWU_BRANCH:-main}
SITE=${DANGWU_SITE:-$REPO/site}
MEMBERS_SITE=${DANGWU_MEMBERS_SITE:-}
DANGWU=${DANGWU:-$REPO/.venv/bin/dangwu}
export TZ=${TZ:-Asia/Shanghai}  # "today" is the board's day, not the server's UTC day
# The server commits nothing: it only fast-forwards, which needs no identity. Should a step that
# writes a commit be added (a merge, a tag), git on a fresh machine would stop at "Please tell me
# who you are"; it finds the machine account here instead, never a person's name.
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-dangwu 发布} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-dangwu-publish@localhost}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}

log() { echo "$(date '+%F %T') $*"; }

exec 9>"${TMPDIR:-/tmp}/dangwu-publish.lock"
if ! flock -n 9; then
  log "上一次发布还没结束，这次跳过"
  exit 0
fi

cd "$REPO"
if git remote get-url origin >/dev/null 2>&1; then
  git fetch --quiet origin "$BRANCH"
  # Fast-forward only: the server never rewrites history, and says so when someone did.
  if ! git merge --ff-only --quiet "origin/$BRANCH"; then
    log "无法快进到 origin/$BRANCH（服务器上的副本被改动过？）：没有发布"
    exit 1
  fi
fi
if git rev-parse --is-shallow-repository | grep -q true; then
  git fetch --quiet --unshallow origin "$BRANCH" || true  # the 更新记录 page wants the whole history
fi
[ -x "$DANGWU" ] || make install

stamp="$REPO/build/.published"
wanted="$(git rev-parse HEAD) $(date +%F)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0  # nothing new since the last publish today
fi

log "检查并生成 $(git rev-parse --short HEAD)"
if ! "$DANGWU" check data; then
  log "检查未通过：没有发布，网站保持原样。请改正上面列出的问题后再提交。"
  exit 1
fi
"$DANGWU" build data --out "$SITE"
if [ -n "$MEMBERS_SITE" ]; then
  "$DANGWU" build data --out "$MEMBERS_SITE" --audience members
fi
mkdir -p "$(dirname "$stamp")"
echo "$wanted" > "$stamp"
log "已发布到 $SITE"
