package io.sandbench.runtime.kata;

import io.sandbench.UserError;
import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.RunTag;
import io.sandbench.image.GuestCache;
import io.sandbench.runtime.Instance;
import io.sandbench.runtime.Prepared;
import io.sandbench.runtime.Setup;
import io.sandbench.runtime.vm.VmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The workload tree imported once as a Docker image; one Kata container per instance. */
final class KataPrepared implements Prepared {
  static final Set<String> OPTIONS = Set.of("kata-runtime");
  static final Duration DOCKER_DEADLINE = Duration.ofMinutes(2);
  private final Setup setup;
  private final KataCommand cmd;
  private final String image;
  private final String tag;
  private final RunTag ownTag;

  private KataPrepared(Setup setup, KataCommand cmd, String image, String tag, RunTag ownTag) {
    this.setup = setup;
    this.cmd = cmd;
    this.image = image;
    this.tag = tag;
    this.ownTag = ownTag;
  }

  static KataPrepared prepare(Setup setup, KataCommand cmd) {
    VmOptions.checkKnown("kata", setup.options(), OPTIONS);
    RunTag own = VmOptions.isTag(setup.runId()) ? null : RunTag.create();
    String tag = own == null ? setup.runId() : own.value();
    String image = "sandbench/" + setup.workload().name() + ":" + tag;
    try {
      Files.createDirectories(setup.workDir());
      Path tar = setup.workDir().resolve("workload.tar");
      run(List.of("tar", "-C", setup.workload().root().toString(), "-cf", tar.toString(), "."));
      run(cmd.importImage(tar.toString(), image));
      Files.delete(tar);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the kata image", e);
    }
    return new KataPrepared(setup, cmd, image, tag, own);
  }

  static CommandResult run(List<String> argv) {
    CommandResult r = ExternalCommand.run(argv, DOCKER_DEADLINE);
    if (!r.ok()) {
      throw new UserError("kata: " + r.describe());
    }
    return r;
  }

  @Override
  public Instance launch(int id) {
    long launched = System.nanoTime();
    List<String> command = setup.workload().command(Path.of("/"), "0.0.0.0", KataCommand.CONTAINER_PORT);
    CommandResult r =
        ExternalCommand.run(cmd.run(tag, id, setup.port(id), image, command), DOCKER_DEADLINE);
    if (!r.ok()) {
      ExternalCommand.run(cmd.remove(KataCommand.containerName(tag, id)), DOCKER_DEADLINE);
      throw new UserError("kata: cannot start instance " + id + ": " + r.describe());
    }
    return new KataInstance(id, setup.port(id), r.stdout().strip(), KataCommand.containerName(tag, id), cmd, launched);
  }

  @Override
  public void cleanupLeftovers() {
    for (String dead : RunTag.deadTags()) {
      CommandResult r = ExternalCommand.run(cmd.listTagged(dead), DOCKER_DEADLINE);
      for (String name : r.stdout().split("\n")) {
        if (!name.isBlank()) {
          ExternalCommand.run(cmd.remove(name.strip()), DOCKER_DEADLINE);
        }
      }
    }
    GuestCache.removeDeadTemps();
  }

  @Override
  public Map<String, String> facts() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("vmm", "kata");
    f.put("kata.runtime", cmd.runtime());
    f.put("network", "docker port publish on 127.0.0.1");
    f.put("image", image);
    return f;
  }

  @Override
  public void close() {
    ExternalCommand.run(cmd.removeImage(image), DOCKER_DEADLINE);
    if (ownTag != null) {
      ownTag.release();
    }
  }
}
