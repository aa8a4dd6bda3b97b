package io.sandbench.runtime.vm;

import io.sandbench.UserError;
import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.image.GuestCache;
import io.sandbench.image.GuestImage;
import io.sandbench.net.AddressPlan;
import io.sandbench.net.Tap;
import io.sandbench.runtime.BootTimeline;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Firecracker and Cloud Hypervisor share: one guest image for all instances, one tap per
 * instance (they have no user-mode network), one VMM process per instance, each in a private
 * directory. A driver says only how its VMM is started.
 */
public abstract class TapVmPrepared implements Prepared {
  protected final Setup setup;
  protected final GuestImage image;
  protected final String tag;
  private final RunTag ownTag;
  protected final Map<String, String> facts = new LinkedHashMap<>();

  protected TapVmPrepared(Setup setup, GuestImage image, String vmm) {
    if (!GuestNetwork.canCreateTaps()) {
      throw new UserError(vmm + " guests are reached through taps, which need root; run as root");
    }
    this.setup = setup;
    this.image = image;
    this.ownTag = VmOptions.isTag(setup.runId()) ? null : RunTag.create();
    this.tag = ownTag == null ? setup.runId() : ownTag.value();
    facts.put("vmm", vmm);
    facts.put("network", GuestNetwork.TAP);
    facts.put("guest.kernel", image.kernel().version());
    facts.put("guest.modules", String.join(",", image.modules()));
    facts.put("guest.workload-on", image.rootfs().isPresent() ? "virtio-blk ext4" : "initramfs");
    facts.put("guest.image", image.hash());
  }

  /** The VMM's argv for instance {@code id}; may write config files into {@code dir}. */
  protected abstract List<String> argv(int id, GuestNetwork net, Path dir) throws IOException;

  /** The file the VMM writes the guest's serial console to. */
  protected abstract Path console(Path dir);

  /** Marks the VMM itself reports (e.g. Firecracker's boot timer), as offsets from VMM start. */
  protected List<BootTimeline.Mark> vmmMarks(Path dir) {
    return List.of();
  }

  @Override
  public Instance launch(int id) {
    long launch = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory(setup.workDir(), facts.get("vmm") + "-" + id + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an instance directory in " + setup.workDir(), e);
    }
    GuestNetwork net = GuestNetwork.tap(tag, id);
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      owned.add(Tap.create(net.tap(), AddressPlan.hostSide(id), AddressPlan.prefixLength()));
      List<String> argv = argv(id, net, dir);
      VmInstance vm = VmInstance.start(id, argv, dir, console(dir), net.endpoint(), launch, owned);
      vm.addVmmMarks(() -> vmmMarks(dir));
      return vm;
    } catch (IOException | RuntimeException e) {
      owned.forEach(o -> {
        try {
          o.close();
        } catch (Exception ignored) {
          // Reported by the original failure.
        }
      });
      GuestCache.deleteTree(dir);
      throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
    }
  }

  @Override
  public void cleanupLeftovers() {
    removeVmLeftovers();
  }

  /** What a crashed VM run leaves: its VMM processes, its taps, half-built guest images. */
  public static void removeVmLeftovers() {
    OwnerMark.killOrphans();
    Tap.removeLeftovers(RunTag.deadTags());
    GuestCache.removeDeadTemps();
  }

  @Override
  public Map<String, String> facts() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  @Override
  public void close() {
    if (ownTag != null) {
      ownTag.release();
    }
  }
}
