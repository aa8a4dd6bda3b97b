package io.sandbench.runtime.kata;

import java.util.ArrayList;
import java.util.List;

/**
 * Kata's command lines through Docker, as in the article ({@code docker run --runtime kata}):
 * Docker hands the container to containerd, which starts it with the shim {@code
 * io.containerd.kata.v2} inside a QEMU (or Firecracker / Cloud Hypervisor) VM. The port is
 * published on 127.0.0.1 only; every container carries the run tag as a label, so a crashed
 * run's containers are found and removed.
 *
 * @param runtime the runtime name Docker knows Kata by: the shim name {@code
 *     io.containerd.kata.v2} (Docker 23+ takes it directly) or a name from daemon.json ("kata")
 */
public record KataCommand(String docker, String runtime) {
  public static final String SHIM = "io.containerd.kata.v2";
  public static final String TAG_LABEL = "io.sandbench.tag";
  /** The port the workload listens on inside every container. */
  public static final int CONTAINER_PORT = 8080;

  public static String containerName(String tag, int id) {
    return "sandbench-" + tag + "-" + id;
  }

  /** {@code docker import} of the workload tree's tarball as the image every instance runs. */
  public List<String> importImage(String tarball, String image) {
    return List.of(docker, "import", tarball, image);
  }

  public List<String> run(String tag, int id, int hostPort, String image, List<String> command) {
    List<String> a = new ArrayList<>();
    a.addAll(List.of(docker, "run", "--detach", "--rm"));
    a.addAll(List.of("--name", containerName(tag, id)));
    a.addAll(List.of("--runtime", runtime));
    a.addAll(List.of("--label", TAG_LABEL + "=" + tag));
    a.addAll(List.of("--publish", "127.0.0.1:" + hostPort + ":" + CONTAINER_PORT));
    a.add(image);
    a.addAll(command);
    return a;
  }

  public List<String> remove(String name) {
    return List.of(docker, "rm", "--force", name);
  }

  /** Names of the containers labelled with {@code tag}, running or not. */
  public List<String> listTagged(String tag) {
    return List.of(docker, "ps", "--all", "--quiet", "--filter", "label=" + TAG_LABEL + "=" + tag,
        "--format", "{{.Names}}");
  }

  public List<String> removeImage(String image) {
    return List.of(docker, "rmi", "--force", image);
  }
}
