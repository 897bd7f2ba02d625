#!/usr/bin/env bash
# Serve the demo: web server and task worker together; Ctrl-C stops both.
set -euo pipefail
PORT="${PORT:-8000}"
BIN="$(dirname "$0")/../.venv/bin"

cleanup() {
  trap - INT TERM EXIT
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

"$BIN/kyosei" db_worker --queue-name '*' --no-reload &
# gunicorn's settings for `kyosei web` (kyosei/ops/gunicorn_conf.py): no access log of its own,
# since Kyosei logs each request without the client address or user agent (reporting channel).
"$BIN/gunicorn" kyosei.wsgi --config python:kyosei.ops.gunicorn_conf \
  --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 &

cat <<MSG

  Kyosei is running at http://127.0.0.1:${PORT}/
  Staff console:      http://127.0.0.1:${PORT}/en/staff/
  Demo staff logins (demo mode only):
    alice   / kyosei-demo-alice    org admin, Hamamatsu (also editor at the national centre)
    bob     / kyosei-demo-bob      counter staff, Hamamatsu
    charlie / kyosei-demo-charlie  counter staff, Oizumi
  Second step: add the TOTP secret shown above to an authenticator app,
  or print the current code with:  .venv/bin/kyosei demo totp alice
  Press Ctrl-C to stop.

MSG
wait -n
