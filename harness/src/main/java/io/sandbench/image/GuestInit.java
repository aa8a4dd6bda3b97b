package io.sandbench.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest's PID 1: a busybox shell script that mounts /proc, /sys and /dev, loads the virtio
 * modules, brings the network up from the kernel's {@code ip=} argument (Debian's kernel has no
 * IP_PNP, so the init parses it), mounts the workload disk if there is one, starts the workload and
 * reboots the guest (ending the VMM) when it exits.
 *
 * <p>Each step writes a boot marker to /dev/kmsg at a level the console always prints, so every
 * marker reaches the serial console with the kernel's own timestamp (microseconds since the
 * kernel started): {@code [    1.234567] SANDBENCH-MARK init}. Where the VMM has Firecracker's
 * boot timer ({@code sandbench.boottimer=1}) the init also writes 123 to I/O port 0x3f0, through
 * /dev/port when the kernel has it.
 *
 * <p>Contract with the host, all on the kernel command line: {@code ip=ADDR::GW:MASK::DEV:off},
 * {@code sandbench.disk=DEV} (an ext4 holding the workload, mounted read-only at {@value
 * #WORKLOAD_DIR}), {@code sandbench.probe=1} (only mark and reboot: the acceleration check).
 */
public final class GuestInit {
  /** Where the workload's tree is in the guest. */
  public static final String WORKLOAD_DIR = "/workload";
  /** The port the workload listens on in every guest (each guest has its own address). */
  public static final int GUEST_PORT = 8080;
  /** The prefix of every boot marker line. */
  public static final String MARK = "SANDBENCH-MARK";

  private GuestInit() {}

  /** The init script that starts {@code command} (argv, already in guest paths). */
  public static String script(List<String> modules, List<String> command) {
    StringBuilder load = new StringBuilder();
    for (String m : modules) {
      load.append("insmod /lib/modules/").append(m).append(".ko || echo \"insmod ").append(m)
          .append(" failed\"\n");
    }
    String port = String.format("%04X", GUEST_PORT);
    return """
        #!/bin/busybox sh
        # PID 1 of a sandbench guest (written by io.sandbench.image.GuestInit).
        export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/tmp
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        mount -t devtmpfs dev /dev 2>/dev/null
        mark() { echo "<2>%1$s $*" > /dev/kmsg; }
        mark init
        for a in $(cat /proc/cmdline); do
          case "$a" in
            ip=*) IPCONF="${a#ip=}" ;;
            sandbench.disk=*) DISK="${a#sandbench.disk=}" ;;
            sandbench.boottimer=1) BOOTTIMER=1 ;;
            sandbench.probe=1) PROBE=1 ;;
          esac
        done
        if [ -n "$BOOTTIMER" ] && [ -e /dev/port ]; then
          printf '\\173' | dd of=/dev/port bs=1 seek=1008 count=1 2>/dev/null
        fi
        if [ -n "$PROBE" ]; then mark probe-done; reboot -f; fi
        %2$s
        mark modules-loaded
        ip link set lo up
        if [ -n "$IPCONF" ]; then
          IFS=: read ADDR SERVER GW MASK HOSTNAME DEV AUTOCONF <<EOF
        $IPCONF
        EOF
          ifconfig "${DEV:-eth0}" "$ADDR" netmask "$MASK" up || echo "network setup failed"
          [ -n "$GW" ] && route add default gw "$GW"
        fi
        mark network-up
        if [ -n "$DISK" ]; then
          mount -t ext4 -o ro "$DISK" %3$s || echo "mount $DISK failed"
          mark disk-mounted
        fi
        cd %3$s
        mark workload-exec
        %4$s &
        WORKLOAD=$!
        # Listening = a socket in state 0A on the port; read with shell builtins only (a fork per
        # poll is slow under emulation).
        listening() {
          for f in /proc/net/tcp /proc/net/tcp6; do
            while read -r _ local _ state _; do
              case "$local $state" in *:%5$s\\ 0A) return 0 ;; esac
            done < $f
          done
          return 1
        }
        while [ -d /proc/$WORKLOAD ]; do
          if listening; then
            mark workload-listening
            break
          fi
          usleep 5000
        done
        wait $WORKLOAD
        mark workload-exit $?
        reboot -f
        """
        .formatted(MARK, load.toString().strip(), WORKLOAD_DIR, shellWords(command), port);
  }

  /** argv as one shell line, every word single-quoted. */
  static String shellWords(List<String> argv) {
    List<String> words = new ArrayList<>();
    for (String a : argv) {
      words.add("'" + a.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }

  /**
   * The kernel arguments the init reads, for a guest at {@code address}/{@code netmask} behind
   * {@code gateway} on {@code device}; {@code disk} is empty when the workload is in the initramfs.
   */
  public static List<String> kernelArgs(
      String address, String gateway, String netmask, String device, String disk) {
    List<String> args = new ArrayList<>();
    args.add("ip=" + address + "::" + gateway + ":" + netmask + "::" + device + ":off");
    if (!disk.isEmpty()) {
      args.add("sandbench.disk=" + disk);
    }
    // Userspace writes to /dev/kmsg are rate limited by default; the markers must all arrive.
    args.add("printk.devkmsg=on");
    return args;
  }
}
