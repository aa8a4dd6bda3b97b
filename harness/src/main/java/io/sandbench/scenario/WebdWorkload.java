package io.sandbench.scenario;

import io.sandbench.SandbenchDirs;
import io.sandbench.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's own server, from the self-contained runtime image the build makes. */
public final class WebdWorkload implements Workload {
  private final Path image;

  public WebdWorkload() {
    String override = System.getenv("SANDBENCH_WEBD_IMAGE");
    this.image =
        override != null && !override.isBlank()
            ? Path.of(override)
            : SandbenchDirs.home().resolve("workload/target/webd-image");
  }

  @Override
  public String name() {
    return "webd";
  }

  @Override
  public Path root() {
    if (!Files.isExecutable(image.resolve("bin/webd"))) {
      throw new UserError(
          "the webd runtime image is missing at "
              + image
              + "; build it with ./mvnw -B -ntp -DskipTests package (./sandbench does this on first use)");
    }
    return image;
  }

  @Override
  public List<String> command(Path root, String bind, int port) {
    return List.of(root.resolve("bin/webd").toString(), "--bind", bind, Integer.toString(port));
  }
}
