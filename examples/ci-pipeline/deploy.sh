#!/usr/bin/env bash
# Applies a pulumi-aigc stack from a CI job.
#
#   deploy.sh preview   on a change request: validate and show what would be submitted (nothing is spent)
#   deploy.sh up        on the main branch: submit what changed, wait, export the outputs as JSON
#
# Environment (from the CI's secret store):
#   PROJECT_DIR                     the Pulumi project (default: the current directory)
#   STACK                           stack name (default: prod)
#   PULUMI_BACKEND_URL              where state lives: s3://, gs://, azblob://, postgres://, file://, or Pulumi Cloud
#   PULUMI_CONFIG_PASSPHRASE        passphrase of the stack's secrets (DIY backends)
#   TENCENTCLOUD_SECRET_ID/_KEY, ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET
#                                   vendor credentials; the provider reads them at call time and never stores them
#   AIGC_STORE_CREDENTIALS=1        instead, store them once as encrypted stack config (pulumi config set --secret)
#   AIGC_ENDPOINT                   optional: send every service to this endpoint (the emulator in tests)
#   OUTPUTS_FILE                    where `up` writes the stack outputs as JSON (default: pulumi-outputs.json)
#   PULUMI_AIGC_LEDGER              the submission ledger shared by every runner of the stack, e.g. the same
#                                   postgres:// database as the state: a job in flight when a runner died is
#                                   found by the next run on any machine (PGPASSWORD keeps the password out)
set -euo pipefail

mode="${1:-}"
case "$mode" in
  preview | up) ;;
  *) echo "usage: $0 preview|up" >&2; exit 2 ;;
esac

cd "${PROJECT_DIR:-.}"
stack="${STACK:-prod}"
outputs="${OUTPUTS_FILE:-$PWD/pulumi-outputs.json}"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# A runner without the committed Pulumi.<stack>.yaml takes the stack's secrets salt from its state, not a new one:
# the salt names the stack instance that holds each job (docs/intent-ownership.md), so a retry on a fresh runner
# resumes the jobs a killed run left instead of being refused.
export PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER="${PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER:-true}"

pulumi stack select "$stack" --create --non-interactive

if [ -n "${AIGC_ENDPOINT:-}" ]; then
  pulumi config set aigc:endpoint "$AIGC_ENDPOINT" --non-interactive
fi

if [ "${AIGC_STORE_CREDENTIALS:-}" = "1" ]; then
  # Encrypted in the stack's config file; the runner's env vars are then not needed by later runs.
  [ -n "${TENCENTCLOUD_SECRET_ID:-}" ] && pulumi config set --secret aigc:tencentSecretId "$TENCENTCLOUD_SECRET_ID" --non-interactive
  [ -n "${TENCENTCLOUD_SECRET_KEY:-}" ] && pulumi config set --secret aigc:tencentSecretKey "$TENCENTCLOUD_SECRET_KEY" --non-interactive
  [ -n "${ALIBABA_CLOUD_ACCESS_KEY_ID:-}" ] && pulumi config set --secret aigc:alibabaAccessKeyId "$ALIBABA_CLOUD_ACCESS_KEY_ID" --non-interactive
  [ -n "${ALIBABA_CLOUD_ACCESS_KEY_SECRET:-}" ] && pulumi config set --secret aigc:alibabaAccessKeySecret "$ALIBABA_CLOUD_ACCESS_KEY_SECRET" --non-interactive
fi

if [ "$mode" = preview ]; then
  # Fails on invalid inputs (property, rule, value) before anything is submitted.
  pulumi preview --diff --non-interactive
  exit 0
fi

# A previous run killed mid-update leaves the stack locked: a CI retry may clear it (the provider's
# submission ledger makes re-running safe: nothing is submitted twice).
if [ "${AIGC_CANCEL_STALE_LOCK:-}" = "1" ]; then
  pulumi cancel --yes --non-interactive || true
fi

pulumi up --yes --non-interactive
# --show-secrets: signed result URLs are secret outputs; later steps of this job need them in clear.
pulumi stack output --json --show-secrets --non-interactive > "$outputs"
echo "stack outputs written to $outputs"
