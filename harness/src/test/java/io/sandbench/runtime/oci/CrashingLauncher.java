package io.sandbench.runtime.oci;

import io.sandbench.exec.OwnerMark;
import io.sandbench.exec.RunTag;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Runtimes;
import io.sandbench.runtime.Setup;
import io.sandbench.scenario.BusyboxHttpdWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link LeftoverCleanupTest}: launches runc instances with isolated
 * networks and gvisor instances, waits until they answer, says so, and waits to be killed -9.
 */
public final class CrashingLauncher {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int basePort = Integer.parseInt(args[1]);
    RunTag tag = RunTag.create();
    Prepared runc =
        Runtimes.named("runc")
            .prepare(new Setup(new BusyboxHttpdWorkload(), Files.createDirectories(work.resolve("runc")),
                tag.value(), basePort, Map.of("network", "isolated")));
    Prepared gvisor =
        Runtimes.named("gvisor")
            .prepare(new Setup(new BusyboxHttpdWorkload(), Files.createDirectories(work.resolve("gvisor")),
                tag.value(), basePort, Map.of("network", "host")));
    Instance[] all = {runc.launch(0), runc.launch(1), gvisor.launch(2)};
    for (Instance in : all) {
      if (!TestHttp.awaitOk(in, 30_000)) {
        System.out.println("FAILED " + in.id() + ": " + in.outputTail(5));
        System.exit(1);
      }
    }
    System.out.println("READY " + tag.value() + " " + OwnerMark.self());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
