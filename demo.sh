#!/usr/bin/env bash
# Placeholder until the demo lands: builds everything.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests package
echo "Built agent/target/leakprobe-agent.jar, analyzer/target/leakprobe-analyzer.jar, demo-leaky-chat/target/leaky-chat.jar."
