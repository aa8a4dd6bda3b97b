package io.sandbench.cli;

import io.sandbench.UserError;
import io.sandbench.store.ResultsDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}: the results database every suite command reads or writes. */
public final class DatabaseOption {
  static final Path DEFAULT = Path.of("results", "sandbench.db");

  @Option(names = "--db", paramLabel = "FILE",
      description = "Results database. Default: results/sandbench.db.")
  Path db;

  Path path() {
    return db == null ? DEFAULT : db;
  }

  /** For writing: the default results/ directory is created when missing, any other is not. */
  ResultsDb openForWriting() {
    if (db == null && !Files.isDirectory(DEFAULT.getParent())) {
      try {
        Files.createDirectories(DEFAULT.getParent());
      } catch (IOException e) {
        throw new UserError("cannot create " + DEFAULT.getParent() + ": " + e.getMessage()
            + "; give --db FILE in a writable directory");
      }
    }
    return ResultsDb.open(path());
  }

  ResultsDb openForReading() {
    return ResultsDb.openExisting(path());
  }
}
