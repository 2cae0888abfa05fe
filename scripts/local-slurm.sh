#!/usr/bin/env bash
# Runs a real single-node Slurm on this machine, to try NetFrames' cluster path
# (examples/cluster/slurm-array.sh) without a cluster. Needs root (the daemons run as
# root) and Debian/Ubuntu packages (slurm-wlm, munge), which `start` installs if missing.
#
#   scripts/local-slurm.sh start    # munged, slurmctld and slurmd; waits until the node is idle
#   scripts/local-slurm.sh status   # what runs, and the node's state
#   scripts/local-slurm.sh stop     # ends the daemons `start` started, by their pid files
#
# Everything (slurm.conf, munge key and socket, state, spool, logs, pid files) lives in
# one folder, NETFRAMES_SLURM_DIR (default: $TMPDIR/netframes-slurm, or /tmp/netframes-slurm).
# Slurm's commands find this cluster through SLURM_CONF; `start` and `status` print the line to set it.
# Running `start` or `stop` twice is harmless. If a daemon cannot start, `start` says why
# (from the daemon's log), writes the same line to unavailable.txt in the folder and exits 1.
set -euo pipefail

DIR=${NETFRAMES_SLURM_DIR:-${TMPDIR:-/tmp}/netframes-slurm}
DIR=${DIR%/}
CONF=$DIR/slurm.conf
UNAVAILABLE=$DIR/unavailable.txt
START_TIMEOUT=${NETFRAMES_SLURM_START_TIMEOUT:-120}

usage() {
  echo "usage: $0 start|stop|status" >&2
  echo "  start   install slurm-wlm and munge if missing, start a one-node Slurm, wait until it is idle" >&2
  echo "  stop    end the daemons start started" >&2
  echo "  status  say which daemons run and the node's state" >&2
  exit 2
}

say() { echo "local-slurm: $*" >&2; }

# Says what is wrong and exits 1.
die() {
  say "$*"
  exit 1
}

# Records why the cluster cannot start (for the tests' skip message), says it, and exits 1.
fail() {
  { mkdir -p "$DIR" && echo "$*" >"$UNAVAILABLE"; } 2>/dev/null || true
  die "$*"
}

# The pid in a daemon's pid file if that process is alive and is that daemon, else nothing.
running_pid() {
  local name=$1 file=$DIR/$1.pid pid comm
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' <"$file")
  [ -n "$pid" ] || return 0
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  [ "$comm" = "$name" ] && echo "$pid"
  return 0
}

# The last lines of a daemon's log that say what went wrong, on one line.
log_reason() {
  local log=$DIR/$1.log line
  if [ ! -s "$log" ]; then
    echo "it wrote no log ($log)"
    return
  fi
  # A fatal line says it best; else the last errors, less the ones every start logs
  # (no PMIx library, no state saved yet by a fresh slurmctld).
  line=$(grep -iE 'fatal' "$log" | tail -n 2 | tr '\n' ' ' || true)
  [ -n "$line" ] || line=$(grep -iE 'error|fail|denied|unable|cannot|invalid' "$log" \
    | grep -vE 'pmix|MPI|state file|backup state|NOTE: Trying' | tail -n 3 | tr '\n' ' ' || true)
  [ -n "$line" ] || line=$(tail -n 3 "$log" | tr '\n' ' ')
  echo "${line% } (log: $log)"
}

need_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root: the Slurm daemons run as root here (try: sudo $0 $1)"
}

install_packages() {
  local missing=() p
  for p in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "${missing[*]} missing and there is no apt-get to install them; install Slurm and MUNGE by hand"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$DIR/apt.log" 2>&1 \
    || fail "apt-get update failed, so ${missing[*]} cannot be installed: $(tail -n 3 "$DIR/apt.log" | tr '\n' ' ')(log: $DIR/apt.log)"
  # The packages' own services stay off while they install (this script runs its own
  # daemons): a policy-rc.d that refuses, unless the machine has one already.
  local policy=/usr/sbin/policy-rc.d added="" status=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# scripts/local-slurm.sh: no services start while slurm-wlm installs\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    added=1
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$DIR/apt.log" 2>&1 || status=$?
  [ -z "$added" ] || rm -f "$policy"
  [ "$status" -eq 0 ] \
    || fail "apt-get install ${missing[*]} failed (exit $status): $(tail -n 3 "$DIR/apt.log" | tr '\n' ' ')(log: $DIR/apt.log)"
}

write_conf() {
  local host node
  host=$(hostname -s)
  # slurmd -C reports this machine's CPUs, sockets, cores, threads and memory as a NodeName line.
  node=$(slurmd -C 2>/dev/null | grep '^NodeName=' | head -n 1) \
    || fail "slurmd -C could not describe this machine's CPUs and memory"
  [ -n "$node" ] || fail "slurmd -C could not describe this machine's CPUs and memory"
  node=$(sed -E "s/^NodeName=[^ ]+/NodeName=$host NodeAddr=127.0.0.1/" <<<"$node")
  cat >"$CONF" <<EOF
# A one-node Slurm for trying NetFrames' cluster path; written by scripts/local-slurm.sh.
ClusterName=netframes-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${NETFRAMES_SLURMCTLD_PORT:-6817}
SlurmdPort=${NETFRAMES_SLURMD_PORT:-6818}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SlurmctldTimeout=300
SlurmdTimeout=300
InactiveLimit=0
MinJobAge=600
KillWait=30
$node State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

# Waits until a daemon's pid file names a live process of that name; else says why from its log.
wait_for_daemon() {
  local name=$1 launched=$2 i
  for ((i = 0; i < START_TIMEOUT * 5; i++)); do
    if [ -n "$(running_pid "$name")" ]; then
      # A daemon that cannot bind its port writes its pid file first, then ends.
      sleep 1
      [ -n "$(running_pid "$name")" ] && return 0
      break
    fi
    # A daemon that forks into the background leaves its launcher gone; one that failed leaves no pid file.
    if ! kill -0 "$launched" 2>/dev/null && [ $i -gt 25 ] && [ -z "$(running_pid "$name")" ]; then
      break
    fi
    sleep 0.2
  done
  local reason
  reason=$(log_reason "$name")
  case $reason in
    *"Address already in use"*)
      reason="$reason; another Slurm may run on this machine: stop it, or choose other ports with NETFRAMES_SLURMCTLD_PORT and NETFRAMES_SLURMD_PORT" ;;
  esac
  fail "$name could not start: $reason"
}

start_munged() {
  if [ -n "$(running_pid munged)" ]; then say "munged already runs (pid $(running_pid munged))"; return; fi
  # The socket's folder must be open to all (munged checks); the key itself is readable by root alone.
  mkdir -p "$DIR/munge"
  chmod 0755 "$DIR/munge"
  if [ ! -s "$DIR/munge/munge.key" ]; then
    (umask 077 && head -c 1024 /dev/urandom >"$DIR/munge/munge.key")
  fi
  rm -f "$DIR/munge/munge.socket" "$DIR/munge/munge.socket.lock" "$DIR/munged.log"
  munged --key-file="$DIR/munge/munge.key" --socket="$DIR/munge/munge.socket" \
    --pid-file="$DIR/munged.pid" --log-file="$DIR/munged.log" --seed-file="$DIR/munge/munge.seed" \
    >>"$DIR/munged.log" 2>&1 &
  wait_for_daemon munged $!
  say "munged started (pid $(running_pid munged))"
}

start_slurmctld() {
  if [ -n "$(running_pid slurmctld)" ]; then say "slurmctld already runs (pid $(running_pid slurmctld))"; return; fi
  # A fresh start: no jobs or node states carried over from an earlier cluster.
  rm -rf "$DIR/state" "$DIR/slurmctld.log"
  mkdir -p "$DIR/state"
  slurmctld -f "$CONF" -i >>"$DIR/slurmctld.log" 2>&1 &
  wait_for_daemon slurmctld $!
  say "slurmctld started (pid $(running_pid slurmctld))"
}

start_slurmd() {
  if [ -n "$(running_pid slurmd)" ]; then say "slurmd already runs (pid $(running_pid slurmd))"; return; fi
  rm -rf "$DIR/spool" "$DIR/slurmd.log"
  mkdir -p "$DIR/spool"
  slurmd -f "$CONF" >>"$DIR/slurmd.log" 2>&1 &
  wait_for_daemon slurmd $!
  say "slurmd started (pid $(running_pid slurmd))"
}

# The node's state as sinfo prints it (idle, mix, alloc, down*, ...), or nothing.
node_state() {
  SLURM_CONF=$CONF timeout 20 sinfo --noheader --format=%t 2>/dev/null | head -n 1 || true
}

wait_until_idle() {
  local i state=""
  for ((i = 0; i < START_TIMEOUT; i++)); do
    state=$(node_state)
    case $state in
      idle | mix | alloc) return 0 ;;
    esac
    for d in munged slurmctld slurmd; do
      [ -n "$(running_pid "$d")" ] || fail "$d stopped while the node came up: $(log_reason "$d")"
    done
    sleep 1
  done
  fail "the node is not idle after ${START_TIMEOUT} s (sinfo says: ${state:-nothing}); slurmd: $(log_reason slurmd); slurmctld: $(log_reason slurmctld)"
}

start() {
  local began=$SECONDS
  need_root start
  # Root writes keys and configuration here: never into a folder someone else made.
  if [ -L "$DIR" ] || { [ -e "$DIR" ] && [ "$(stat -c %u "$DIR")" != "$(id -u)" ]; }; then
    die "$DIR is a link or another user's folder; remove it, or choose another folder with NETFRAMES_SLURM_DIR"
  fi
  mkdir -p "$DIR"
  chmod 0755 "$DIR"
  rm -f "$UNAVAILABLE"
  install_packages
  local d
  for d in munged slurmctld slurmd sinfo; do
    command -v "$d" >/dev/null || fail "$d is not on PATH although slurm-wlm and munge are installed"
  done
  if [ -n "$(running_pid slurmctld)" ] || [ -n "$(running_pid slurmd)" ]; then
    [ -s "$CONF" ] || fail "Slurm daemons run from $DIR but $CONF is gone; run: $0 stop"
  else
    write_conf
  fi
  start_munged
  start_slurmctld
  start_slurmd
  wait_until_idle
  say "node $(hostname -s) is $(node_state), $(grep -oE 'CPUs=[0-9]+' "$CONF") RealMemory=$(grep -oE 'RealMemory=[0-9]+' "$CONF" | cut -d= -f2) MB (ready in $((SECONDS - began)) s)"
  say "to use it: export SLURM_CONF=$CONF"
}

stop_daemon() {
  local name=$1 pid i
  pid=$(running_pid "$name")
  if [ -z "$pid" ]; then
    say "$name is not running"
    rm -f "$DIR/$name.pid"
    return
  fi
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$name" ] || break
    sleep 0.2
  done
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$name" ]; then
    say "$name (pid $pid) did not end within 30 s of SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$DIR/$name.pid"
  say "$name stopped (pid $pid)"
}

stop() {
  if [ ! -d "$DIR" ]; then say "nothing to stop: no $DIR"; return; fi
  if [ "$(id -u)" -ne 0 ] && { [ -n "$(running_pid slurmd)" ] || [ -n "$(running_pid slurmctld)" ] || [ -n "$(running_pid munged)" ]; }; then
    need_root stop
  fi
  # slurmd first: it ends its jobs' steps, and it needs munged to say goodbye to slurmctld.
  stop_daemon slurmd
  stop_daemon slurmctld
  stop_daemon munged
}

status() {
  local d pid all=0
  for d in munged slurmctld slurmd; do
    pid=$(running_pid "$d")
    if [ -n "$pid" ]; then echo "$d: running (pid $pid)"; else echo "$d: not running"; all=1; fi
  done
  if [ $all -eq 0 ]; then
    echo "node: $(node_state)"
    echo "export SLURM_CONF=$CONF"
  elif [ -s "$UNAVAILABLE" ]; then
    echo "last start failed: $(cat "$UNAVAILABLE")"
  fi
  return $all
}

[ $# -eq 1 ] || usage
case $1 in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
