#!/bin/sh
# Health check for tandem's container: GET /status on the control endpoint must answer 200.
# TANDEM_HEALTH_URL         the status URL (default http://127.0.0.1:8080/status, control.listen's port)
# TANDEM_CONTROL_TOKEN_FILE the file holding control.token, when one is set; sent as a header read from stdin, so
#                           the token never appears in a process list.
# Exits 0 when healthy and 1 otherwise (Docker reserves 2; curl's own codes are not passed on).
set -u
url="${TANDEM_HEALTH_URL:-http://127.0.0.1:8080/status}"
if [ -z "${TANDEM_CONTROL_TOKEN_FILE:-}" ]; then
    curl --fail --silent --show-error --max-time 5 --output /dev/null "$url" || exit 1
    exit 0
fi
token="$(cat "$TANDEM_CONTROL_TOKEN_FILE")" || exit 1
printf 'Authorization: Bearer %s\n' "$token" \
    | curl --fail --silent --show-error --max-time 5 --output /dev/null --header @- "$url" || exit 1
