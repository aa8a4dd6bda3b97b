package io.sandbench.runtime.qemu;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.OwnerMark;
import io.sandbench.host.Kvm;
import io.sandbench.image.GuestCache;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestInit;
import io.sandbench.runtime.vm.GuestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * KVM or TCG. KVM is used only when a test guest really boots under it within a deadline: a
 * /dev/kvm can be a nested (PVM) device where ordinary guests hang, and a hang must cost seconds,
 * not the run. Which one ran, and why, goes into the result's facts.
 */
public record Acceleration(boolean kvm, String reason) {
  static final Duration PROBE_DEADLINE = Duration.ofSeconds(20);
  private static final Path DEV_KVM = Path.of("/dev/kvm");

  public String label() {
    return kvm ? "kvm" : "tcg";
  }

  /** Decides from {@code accel=auto|kvm|tcg}: auto and kvm boot a test guest under KVM first. */
  static Acceleration decide(String wanted, QemuCommand kvmCommand, GuestImage image, Path work) {
    switch (wanted) {
      case "tcg":
        return new Acceleration(false, "tcg asked for (accel=tcg)");
      case "auto":
      case "kvm":
        break;
      default:
        throw new UserError("accel=" + wanted + " is not known; use auto, kvm or tcg");
    }
    String why;
    Kvm kvm = Kvm.detect();
    if (!kvm.device()) {
      why = "no /dev/kvm on this host";
    } else if (!kvm.usable()) {
      why = kvm.description();
    } else if (!Files.isReadable(DEV_KVM) || !Files.isWritable(DEV_KVM)) {
      why = "/dev/kvm is not readable and writable by this user (add it to group kvm)";
    } else {
      why = probe(kvmCommand, image, work, PROBE_DEADLINE);
      if (why.isEmpty()) {
        return new Acceleration(true, "a test guest booted under KVM");
      }
    }
    if (wanted.equals("kvm")) {
      throw new UserError("accel=kvm asked for, but " + why + "; use accel=auto or accel=tcg");
    }
    return new Acceleration(false, why + ": emulating with TCG");
  }

  /** Boots the guest in probe mode; empty when it reached its init within {@code deadline}. */
  static String probe(QemuCommand command, GuestImage image, Path work, Duration deadline) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory(work, "kvm-probe");
      Path console = dir.resolve("console.log");
      CommandResult r =
          ExternalCommand.run(
              command.argv(image, GuestNetwork.user(0), 0, "sandbench-kvm-probe", console, true),
              deadline,
              OwnerMark.environment(),
              dir);
      String out = Files.exists(console) ? Files.readString(console) : "";
      if (out.contains(GuestInit.MARK + " probe-done")) {
        return "";
      }
      return r.timedOut()
          ? "a test guest did not boot under KVM within " + deadline.toSeconds() + " s"
          : "a test guest failed under KVM (" + r.describe() + ")";
    } catch (IOException e) {
      return "cannot run the KVM test guest: " + e.getMessage();
    } finally {
      GuestCache.deleteTree(dir);
    }
  }

  /** The host's TSC frequency in kHz from /proc/cpuinfo, or 0 when it does not say. */
  static long hostTscKhz() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("cpu MHz")) {
          return Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unknown: the guest calibrates by itself.
    }
    return 0;
  }
}
