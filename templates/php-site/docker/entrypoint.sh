#!/bin/sh
# Builds the session save path from what ECS injects (the token arrives as a secret, never in the
# image or the task definition's environment), then starts the given command.
set -eu
if [ -n "${CACHE_HOST:-}" ]; then
    SESSION_SAVE_HANDLER=redis
    SESSION_SAVE_PATH="tls://${CACHE_HOST}:${CACHE_PORT:-6379}?auth=${CACHE_AUTH_TOKEN:-}"
else
    # Local runs without a cache: files on the writable sessions volume.
    SESSION_SAVE_HANDLER=files
    SESSION_SAVE_PATH="/var/lib/php/sessions"
fi
export SESSION_SAVE_HANDLER SESSION_SAVE_PATH
exec docker-php-entrypoint "$@"
