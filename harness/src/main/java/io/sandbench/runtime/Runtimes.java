package io.sandbench.runtime;

import io.sandbench.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every runtime sandbench knows. A new runtime is one package and one line here. */
public final class Runtimes {
  private static final Map<String, Supplier<Runtime>> KNOWN = new LinkedHashMap<>();

  static {
    register("native", io.sandbench.runtime.nativeproc.NativeRuntime::new);
    register("custom", io.sandbench.runtime.custom.CustomRuntime::new);
    register("runc", io.sandbench.runtime.oci.OciRuntime::runc);
    register("crun", io.sandbench.runtime.oci.OciRuntime::crun);
    register("gvisor", io.sandbench.runtime.gvisor.GvisorRuntime::new);
    register("containerd", io.sandbench.runtime.containerd.ContainerdRuntime::new);
    register("docker", io.sandbench.runtime.docker.DockerRuntime::new);
    register("qemu", io.sandbench.runtime.qemu.QemuRuntime::new);
    register("firecracker", io.sandbench.runtime.firecracker.FirecrackerRuntime::new);
    register("cloud-hypervisor", io.sandbench.runtime.cloudhypervisor.CloudHypervisorRuntime::new);
    register("kata", io.sandbench.runtime.kata.KataRuntime::new);
  }

  private Runtimes() {}

  private static void register(String name, Supplier<Runtime> factory) {
    KNOWN.put(name, factory);
  }

  public static List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(KNOWN.keySet()));
  }

  public static List<Runtime> all() {
    List<Runtime> list = new ArrayList<>();
    KNOWN.values().forEach(f -> list.add(f.get()));
    return list;
  }

  public static Runtime named(String name) {
    Supplier<Runtime> f = KNOWN.get(name);
    if (f == null) {
      throw new UserError(
          "unknown runtime '" + name + "'; known runtimes: " + String.join(", ", names()));
    }
    return f.get();
  }
}
