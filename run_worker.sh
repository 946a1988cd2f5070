#!/usr/bin/env bash
# Starts an omsconnect worker: ./run_worker.sh [-c CONFIG_FILE] (default conf/connect.conf).
# Builds first (mvn -DskipTests package) when the worker or the plugins are not built yet.
set -euo pipefail
cd "$(dirname "$0")"
config=conf/connect.conf
while getopts "c:" opt; do
  case $opt in
    c) config=$OPTARG ;;
    *) echo "usage: $0 [-c CONFIG_FILE]" >&2; exit 2 ;;
  esac
done

jar=$(ls host/target/host-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
if [ -z "$jar" ] || [ ! -d host/target/lib ] || ! ls plugins-dir/*.jar plugins-dir/*.zip >/dev/null 2>&1; then
  echo "Building omsconnect (first run)..."
  mvn -q -B -DskipTests package
  jar=$(ls host/target/host-*.jar | grep -v -- '-tests.jar' | head -n 1)
fi

mkdir -p "${HOME}/logs/omsconnect"
# RocketMQ's OMS driver takes its name server from the oms-driver-url's access points only with this set;
# otherwise it reads the JVM-wide rocketmq.namesrv.addr / NAMESRV_ADDR, or looks one up over HTTP and fails
# (oms-drivers/rocketmq/README.md). With it, every URL names its own name server. Other drivers ignore it.
export OMS_RMQ_DIRECT_NAME_SRV="${OMS_RMQ_DIRECT_NAME_SRV:-true}"
exec java ${JAVA_OPTS:--Xms256m -Xmx1g} -cp "$jar:host/target/lib/*" io.openmessaging.omsconnect.WorkerMain "$config"
