package io.sandbench.runtime.qemu;

import io.sandbench.exec.RunTag;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Path;
import java.util.Map;

/**
 * A sandbench stand-in that launches one guest and waits to be killed with -9, so a test can
 * check that the next run's {@code cleanupLeftovers()} removes the guest and its tap.
 */
public final class LeftoverGuest {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String tag = RunTag.create().value();
    Setup s = new Setup(new BusyboxHttpdWorkload(), work.resolve("run"), tag, 18500, Map.of());
    Prepared p = new QemuRuntime().prepare(s);
    Instance i = p.launch(0);
    System.out.println("READY " + tag + " " + i.processes().roots().get(0));
    System.out.flush();
    Thread.sleep(600_000);
  }
}
