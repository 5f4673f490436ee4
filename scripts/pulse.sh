# Sourced by scripts/test and scripts/bench: a private PulseAudio server with a null sink
# whose monitor is the default input, in its own runtime dir, stopped by PID on exit.
coach_start_pulse() {
  PULSE_DIR="$(mktemp -d /tmp/coach-pulse.XXXXXX)"
  PULSE_PID=""
  cleanup() {
    if [ -n "$PULSE_PID" ]; then
      kill "$PULSE_PID" 2>/dev/null || true
      wait "$PULSE_PID" 2>/dev/null || true
    fi
    rm -rf "$PULSE_DIR"
  }
  trap cleanup EXIT INT TERM

  export XDG_RUNTIME_DIR="$PULSE_DIR"
  export PULSE_RUNTIME_PATH="$PULSE_DIR/pulse"
  export PULSE_SERVER="unix:$PULSE_DIR/pulse/native"
  mkdir -p "$PULSE_RUNTIME_PATH"
  chmod 700 "$PULSE_DIR" "$PULSE_RUNTIME_PATH"
  pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --use-pid-file=no \
    --disable-shm=yes --log-target=file:"$PULSE_DIR/pulse.log" \
    --load="module-native-protocol-unix socket=$PULSE_DIR/pulse/native auth-anonymous=1" \
    --load="module-null-sink sink_name=coach_sink rate=16000" \
    2>/dev/null &
  PULSE_PID=$!
  for _ in $(seq 1 50); do
    pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  pactl info >/dev/null 2>&1 || { echo "coach: the private PulseAudio server did not start:" >&2; cat "$PULSE_DIR/pulse.log" >&2; exit 1; }
  pactl set-default-sink coach_sink
  pactl set-default-source coach_sink.monitor
}
