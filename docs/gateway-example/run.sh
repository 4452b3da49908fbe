#!/usr/bin/env bash
# The gateway's worked example, end to end on 127.0.0.1, with nothing but the jar, openssl and curl:
#   1. a throwaway PKI (openssl): a CA for the servers, a CA for client certificates, a foreign CA;
#   2. two backends, both the project's diagnostic endpoint (`tds-tls serve`): a TDS 7.x-only one
#      (strict disabled: TLS 1.2 at most, like SQL Server 2019 or Babelfish) holding the SQL login
#      report_reader, and a strict-only one (TLS 1.3) holding the login app;
#   3. `tds-tls gateway --config gateway.yaml` in front of them, with metrics and an audit file;
#   4. clients (`tds-tls connect`): a certificate login, password logins in strict and TDS 7.x mode,
#      a certificate from another CA and an unmapped one refused, a mapping added by editing the
#      file (hot reload), an invalid edit rejected, a metrics scrape, /health, and SIGTERM.
# Usage: docs/gateway-example/run.sh [WORK_DIR]   (build first: ./mvnw -B -q -DskipTests package)
# Environment: TDS_TLS_JAR (default cli/target/tds-tls.jar); GATEWAY_PORT, REPORTING_PORT, MAIN_PORT,
# METRICS_PORT to move the example off its ports (14431, 14432, 14433, 9464).
# Exits 0 when every step did what the comments say; otherwise prints what did not and exits 1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=${TDS_TLS_JAR:-$here/../../cli/target/tds-tls.jar}
work=${1:-$(mktemp -d -t tds-tls-gateway-example.XXXXXX)}
gw_port=${GATEWAY_PORT:-14431}
reporting_port=${REPORTING_PORT:-14432}
main_port=${MAIN_PORT:-14433}
metrics_port=${METRICS_PORT:-9464}
for tool in java openssl curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (Debian: apt-get install $tool)" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "run.sh: $jar not found; build it first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
mkdir -p "$work"/{pki,secrets,logs}
cd "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

tds() { java -jar "$jar" "$@"; }   # background processes run java themselves, so that $! is the JVM
step() { printf '\n== %s\n' "$*"; }
fail() { echo "run.sh: FAILED: $*" >&2; exit 1; }
# expect FILE PATTERN...: every extended regex must match a line of FILE
expect() { local f=$1; shift; for re in "$@"; do grep -Eq -- "$re" "$f" || fail "'$re' not in $f: $(cat "$f")"; done; }
# wait_for FILE PATTERN: up to 60 s for a line to appear (a process's start-up line)
wait_for() {
  for _ in $(seq 600); do grep -Eq -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  fail "'$2' did not appear in $1: $(cat "$1")"
}

step "1. PKI (openssl, EC P-256): $work/pki"
ca() { # ca NAME SUBJECT
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "$2" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "pki/$1.key" -out "pki/$1.pem" 2>/dev/null
}
leaf() { # leaf NAME SUBJECT CA EXTENSIONS
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$2" \
    -keyout "pki/$1.key" -out "pki/$1.csr" 2>/dev/null
  printf '%s\n' "$4" > "pki/$1.ext"
  openssl x509 -req -in "pki/$1.csr" -CA "pki/$3.pem" -CAkey "pki/$3.key" -CAcreateserial -days 30 \
    -extfile "pki/$1.ext" -out "pki/$1.pem" 2>/dev/null
}
server_ext='subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth'
client_ext='extendedKeyUsage=clientAuth'
ca internal-ca "/O=Example/CN=Example internal CA"
ca clients-ca "/O=Example/CN=Example client CA"
ca foreign-ca "/O=Elsewhere/CN=Some other CA"
leaf gateway "/O=Example/CN=gateway" internal-ca "$server_ext"
leaf reporting-backend "/O=Example/CN=reporting-backend" internal-ca "$server_ext"
leaf main-backend "/O=Example/CN=main-backend" internal-ca "$server_ext"
leaf report-runner "/O=Example/CN=report-runner" clients-ca "$client_ext"
leaf batch-job "/O=Example/CN=batch-job" clients-ca "$client_ext"
# the same subject as report-runner's, from a CA the gateway does not trust
leaf intruder "/O=Example/CN=report-runner" foreign-ca "$client_ext"
ls pki/*.pem | xargs -n1 basename | tr '\n' ' '; echo

step "2. Backends: the endpoint as a TDS 7.x-only server (:$reporting_port) and as a strict-only one (:$main_port)"
report_pw=$(openssl rand -hex 16)
app_pw=$(openssl rand -hex 16)
printf '%s\n' "$report_pw" > secrets/report_reader     # the mounted secret the reporting route reads
chmod 600 secrets/report_reader
printf '%s\n' "$report_pw" | tds hash-password --user report_reader > reporting-users.txt
printf '%s\n' "$app_pw" | tds hash-password --user app > main-users.txt
java -jar "$jar" serve --port "$reporting_port" --strict disabled --encryption forced --name legacy-sql \
  --cert pki/reporting-backend.pem --key pki/reporting-backend.key --users-file reporting-users.txt \
  > logs/reporting-backend.out 2> logs/reporting-backend.log &
pids+=($!)
java -jar "$jar" serve --port "$main_port" --strict required --name new-sql \
  --cert pki/main-backend.pem --key pki/main-backend.key --users-file main-users.txt \
  > logs/main-backend.out 2> logs/main-backend.log &
pids+=($!)
wait_for logs/reporting-backend.out 'stops the server'
wait_for logs/main-backend.out 'stops the server'
grep -h 'listening\|encryption' logs/*-backend.out

step "3. The gateway: tds-tls gateway --config gateway.yaml"
sed -e "s/port: 14431/port: $gw_port/; s/port: 14432/port: $reporting_port/; s/port: 14433/port: $main_port/" \
  -e "s/127.0.0.1:9464/127.0.0.1:$metrics_port/" "$here/gateway.yaml" > gateway.yaml
tds gateway --check-config gateway.yaml
java -jar "$jar" gateway --config gateway.yaml > logs/gateway.out 2> logs/gateway.log &
gw_pid=$!
pids+=($gw_pid)
wait_for logs/gateway.out 'stops the gateway'
cat logs/gateway.out

run() { # run NAME ARGS...: tds-tls connect ..., output in logs/NAME.txt, shown; the exit code is kept
  local name=$1; shift
  printf '$ tds-tls connect %s\n' "$*"
  set +e; tds connect "$@" > "logs/$name.txt" 2>&1; local rc=$?; set -e
  sed 's/^/  /' "logs/$name.txt"
  return $rc
}
cert() { echo --client-cert "pki/$1.pem" --client-key "pki/$1.key"; }
gateway=(-H localhost -p "$gw_port" --ca-file pki/internal-ca.pem)
direct=(-H 127.0.0.1 -p "$gw_port" --ca-file pki/internal-ca.pem)
who='SELECT SUSER_SNAME(), APP_NAME(), DB_NAME()'
negotiated='SELECT * FROM tdstls.negotiation'

step "4. A certificate login: strict, SNI localhost -> route reporting -> TDS 7.x backend as report_reader"
# The LOGIN7 name and password are not used on this route: the certificate is the credential.
run cert-login "${gateway[@]}" --encrypt strict $(cert report-runner) -U cert -P unused -Q "$who" -Q "$negotiated" \
  || fail "the certificate login was refused"
expect logs/cert-login.txt '^mode +strict' 'TLSv1\.3' '^alpn +tds/8\.0' 'report_reader +tds-tls' \
  'tls_protocol +TLSv1\.2' 'login_tds_version +0x74000004' 'login_user +report_reader'

step "5. A password login: strict, no SNI (an IP address) -> route main -> strict backend, TLS 1.3"
run strict-password "${direct[@]}" --encrypt strict -U app -P "$app_pw" -Q "$who" -Q "$negotiated" \
  || fail "the strict password login was refused"
expect logs/strict-password.txt '^mode +strict' 'app +tds-tls' 'outcome +strict' 'tls_protocol +TLSv1\.3'

step "6. A TDS 7.x client (full encryption, TLS 1.2) -> route main: the gateway speaks strict to the backend"
run tds7-password "${direct[@]}" --encrypt mandatory -U app -P "$app_pw" -Q "$negotiated" \
  || fail "the TDS 7.x password login was refused"
expect logs/tds7-password.txt '^encryption +full' 'TLSv1\.2' 'outcome +strict' 'tls_protocol +TLSv1\.3'

step "7. A certificate from another CA, with the same subject: refused by the front's TLS"
if run foreign-cert "${gateway[@]}" --encrypt strict $(cert intruder) -U cert -P unused -Q "$who"; then
  fail "a certificate from the foreign CA logged in"
fi

step "8. A certificate of the right CA that no mapping names: refused with 18456"
if run unmapped-cert "${gateway[@]}" --encrypt strict $(cert batch-job) -U cert -P unused -Q "$who"; then
  fail "the unmapped certificate logged in"
fi
expect logs/unmapped-cert.txt '18456' 'CN=batch-job,O=Example' 'not mapped'

step "9. Hot reload: map CN=batch-job too, by editing the file; new connections use it"
cp gateway.yaml gateway.yaml.good
awk '{ print } /as: reporting/ && !done { print "        - subject: \"CN=batch-job,O=Example\""; print "          as: reporting"; done=1 }' \
  gateway.yaml.good > gateway.yaml.next
mv gateway.yaml.next gateway.yaml
wait_for logs/gateway.log 'configuration reloaded'
grep 'configuration reloaded' logs/gateway.log | tail -1
run batch-login "${gateway[@]}" --encrypt strict $(cert batch-job) -U cert -P unused -Q "$who" \
  || fail "CN=batch-job was refused after the reload"
expect logs/batch-login.txt 'report_reader +tds-tls'

step "10. An invalid edit is rejected; the running configuration stays"
cp gateway.yaml gateway.yaml.good
sed "s/port: $reporting_port/port: 70000/" gateway.yaml.good > gateway.yaml.next
mv gateway.yaml.next gateway.yaml
wait_for logs/gateway.log 'reload rejected'
grep 'reload rejected' logs/gateway.log | tail -1
run after-bad-reload "${gateway[@]}" --encrypt strict $(cert batch-job) -U cert -P unused -Q "$who" \
  || fail "the running configuration did not stay after an invalid reload"
mv gateway.yaml.good gateway.yaml

step "11. Metrics: curl http://127.0.0.1:$metrics_port/metrics (histogram buckets left out) and /health"
curl -fsS "http://127.0.0.1:$metrics_port/metrics" > logs/metrics.txt
grep -E '^tdstls_(gateway_|certificate_expiry)' logs/metrics.txt | grep -v '_bucket' | sort
expect logs/metrics.txt \
  '^tdstls_gateway_connections_total\{listener="gateway",route="reporting"\} 3\.0$' \
  '^tdstls_gateway_connections_total\{listener="gateway",route="main"\} 2\.0$' \
  '^tdstls_gateway_handshakes_total\{listener="gateway",outcome="strict",side="back",tls_version="TLSv1\.3"\} 2\.0$' \
  '^tdstls_gateway_handshakes_total\{listener="gateway",outcome="full",side="back",tls_version="TLSv1\.2"\} 3\.0$' \
  '^tdstls_gateway_failures_total\{kind="tls",listener="gateway",side="front"\} 1\.0$' \
  '^tdstls_gateway_failures_total\{kind="login",listener="gateway",side="front"\} 1\.0$'
printf 'GET /health: '; curl -fsS "http://127.0.0.1:$metrics_port/health"; echo

step "12. Audit lines: logs/audit.jsonl"
cat logs/audit.jsonl
expect logs/audit.jsonl '"route":"reporting"' '"backend_user":"report_reader"' \
  '"login_identity":"subject:CN=report-runner,O=Example"' '"route":"main"' \
  '"end_reason":"closed by the server: the peer certificate failed validation"'
if grep -q -- "$report_pw" logs/*.txt logs/audit.jsonl logs/gateway.log; then
  fail "the held password appears in a client's output, the audit file or the gateway's log"
fi

step "13. SIGTERM: the gateway drains and stops"
kill -TERM "$gw_pid"
wait "$gw_pid" || true
grep 'tds-tls gateway: ' logs/gateway.log | grep -E 'stopping|drain|stopped'
expect logs/gateway.log 'tds-tls gateway: stopped'

step "The gateway's log (logs/gateway.log)"
cat logs/gateway.log
echo
echo "run.sh: all steps passed; files in $work"
