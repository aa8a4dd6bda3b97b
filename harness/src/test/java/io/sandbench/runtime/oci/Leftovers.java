package io.sandbench.runtime.oci;

import io.sandbench.exec.CommandResult;
import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.OwnerMark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a run with a given tag left on the host: containers, netns, links, marked processes. */
final class Leftovers {
  private Leftovers() {}

  static List<String> of(String tag, List<OciCli> clis, String ownerMark) {
    List<String> found = new ArrayList<>();
    for (OciCli cli : clis) {
      for (String id : cli.list()) {
        if (tag.equals(ContainerNames.tagOf(id))) {
          found.add(cli.name() + " container " + id);
        }
      }
    }
    try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/run/netns"))) {
      for (Path p : d) {
        if (p.getFileName().toString().contains(tag)) {
          found.add("netns " + p.getFileName());
        }
      }
    } catch (IOException e) {
      // none
    }
    CommandResult links = ExternalCommand.run(List.of("ip", "-o", "link", "show"), Duration.ofSeconds(10));
    for (String line : links.stdout().split("\n")) {
      if (line.contains("sb" + tag)) {
        found.add("link " + line.split(": ")[1]);
      }
    }
    if (ownerMark != null) {
      try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path p : d) {
          try {
            String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
            if (env.contains(OwnerMark.VARIABLE + "=" + ownerMark + "\0")) {
              found.add("process " + p.getFileName() + " " + Files.readString(p.resolve("comm")).strip());
            }
          } catch (IOException | RuntimeException e) {
            // gone or unreadable
          }
        }
      } catch (IOException e) {
        // no /proc
      }
    }
    return found;
  }
}
