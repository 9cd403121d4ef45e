#!/usr/bin/env bash
# Usage: pulumi-stack-exists.sh <fully-qualified stack> <work dir>
#
# Writes `exists=true` or `exists=false` to $GITHUB_OUTPUT. Only Pulumi.dev.yaml ships, so a pull request's preview
# of a stack nobody has created yet (prod, at first) is skipped with a notice instead of failing the job. Any other
# failure (login, backend, credentials) still fails the step: only Pulumi's own "no such stack" answer means "skip".
#
# `pulumi stack select` without --create asks the backend for the stack and, when the backend has none, fails with
# "no stack named '<stack>' found" (pulumi/pulumi, pkg/cmd/pulumi/stack/stack_select.go).
set -euo pipefail

stack="${1:?usage: pulumi-stack-exists.sh <stack> <work dir>}"
work_dir="${2:?usage: pulumi-stack-exists.sh <stack> <work dir>}"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set; run this as a GitHub Actions step}"

if output=$(cd "$work_dir" && pulumi stack select --stack "$stack" --non-interactive 2>&1); then
  echo "exists=true" >>"$GITHUB_OUTPUT"
  exit 0
fi
if grep -qF "no stack named" <<<"$output"; then
  echo "::notice title=Preview skipped::Stack ${stack} does not exist in the Pulumi backend yet; create it with 'pulumi stack init ${stack}' to preview it on pull requests."
  echo "exists=false" >>"$GITHUB_OUTPUT"
  exit 0
fi
printf '%s\n' "$output" >&2
echo "::error title=Stack check failed::Could not ask the Pulumi backend for ${stack}; see the output above."
exit 1
